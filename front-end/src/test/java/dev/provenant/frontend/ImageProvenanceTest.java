package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenancePredicate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image's provenance: the jar's, with the jar in front of resolvedDependencies, only for this very jar. */
class ImageProvenanceTest {
    private static final Digest JAR = Digest.parse("sha256:" + "11".repeat(32));
    private static final Digest OTHER = Digest.parse("sha256:" + "22".repeat(32));
    private static final Digest DEP = Digest.parse("sha256:" + "33".repeat(32));

    private static Statement jarProvenance(String predicateType) {
        ObjectNode predicate = JsonCodec.mapper().createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", "https://example.test/build/v1");
        definition.putArray("resolvedDependencies").add(JsonCodec.mapper().valueToTree(ResourceDescriptor.of("dep.jar", DEP)));
        predicate.putObject("runDetails").putObject("builder").put("id", "https://example.test/builder");
        return Statement.of(List.of(ResourceDescriptor.of("demo-1.0.jar", JAR), ResourceDescriptor.of("demo-1.0.pom", OTHER)),
                predicateType, predicate);
    }

    @Test
    void theJarComesFirstAmongTheResolvedDependencies() throws Exception {
        Statement original = jarProvenance(ProvenancePredicate.TYPE);
        JsonNode predicate = ImageProvenance.predicate(original, ResourceDescriptor.of("demo-1.0.jar", JAR));
        JsonNode deps = predicate.path("buildDefinition").path("resolvedDependencies");
        assertThat(deps.size()).isEqualTo(2);
        assertThat(deps.get(0).path("name").asText()).isEqualTo("demo-1.0.jar");
        assertThat(deps.get(0).path("digest").path("sha256").asText()).isEqualTo(JAR.hex());
        assertThat(deps.get(1).path("name").asText()).isEqualTo("dep.jar");
        assertThat(predicate.path("runDetails").path("builder").path("id").asText()).isEqualTo("https://example.test/builder");
        // the jar's own statement is left as it was
        assertThat(original.predicate().path("buildDefinition").path("resolvedDependencies").size()).isEqualTo(1);
    }

    @Test
    void provenanceOfAnotherJarIsRefused() {
        assertThatThrownBy(() -> ImageProvenance.predicate(jarProvenance(ProvenancePredicate.TYPE),
                ResourceDescriptor.of("demo-1.0.jar", OTHER))).isInstanceOf(SetupException.class)
                .hasMessageContaining("does not name demo-1.0.jar with sha256 " + OTHER.hex());
        assertThatThrownBy(() -> ImageProvenance.predicate(jarProvenance(ProvenancePredicate.TYPE),
                ResourceDescriptor.of("other-1.0.jar", JAR))).isInstanceOf(SetupException.class)
                .hasMessageContaining("does not name other-1.0.jar");
    }

    @Test
    void anotherPredicateTypeIsRefused() {
        assertThatThrownBy(() -> ImageProvenance.predicate(jarProvenance("https://example.test/other/v1"),
                ResourceDescriptor.of("demo-1.0.jar", JAR))).isInstanceOf(SetupException.class)
                .hasMessageContaining("predicate type https://example.test/other/v1");
    }

    @Test
    void aPredicateWithoutBuildDefinitionIsRefused() {
        Statement bare = Statement.of(List.of(ResourceDescriptor.of("demo-1.0.jar", JAR)), ProvenancePredicate.TYPE,
                JsonCodec.mapper().createObjectNode());
        assertThatThrownBy(() -> ImageProvenance.predicate(bare, ResourceDescriptor.of("demo-1.0.jar", JAR)))
                .isInstanceOf(SetupException.class).hasMessageContaining("no buildDefinition");
    }
}
