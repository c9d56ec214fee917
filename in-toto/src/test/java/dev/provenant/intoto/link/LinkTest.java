package dev.provenant.intoto.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LinkTest {
    static Link sample() {
        var byproducts = JsonNodeFactory.instance.objectNode().put("stdout", "é\n").put("stderr", "").put("return-value", 0);
        return new Link("build", List.of("make", "all"),
                new TreeMap<>(Map.of("src/a.c", Map.of("sha256", "ab".repeat(32)))),
                new TreeMap<>(Map.of("app", Map.of("sha256", "cd".repeat(32)))), byproducts, null);
    }

    @Test
    void metablockRoundTripKeepsTheSignedBytes() throws Exception {
        Metablock block = sample().unsigned().withSignatures(List.of(new MetadataSignature("00ff", "abcd")));
        Metablock read = Metablock.parse(block.toJson());
        assertThat(read.signableBytes()).isEqualTo(block.signableBytes());
        assertThat(read.signatures()).containsExactly(new MetadataSignature("00ff", "abcd"));
        assertThat(Link.fromJson(read.signed())).isEqualTo(sample());
        assertThat(read.type()).isEqualTo("link");
    }

    @Test
    void signedBytesAreCanonicalWithEveryLinkField() {
        assertThat(new String(sample().unsigned().signableBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"_type\":\"link\",\"byproducts\":{\"return-value\":0,\"stderr\":\"\",\"stdout\":\"é\n\"},"
                + "\"command\":[\"make\",\"all\"],\"environment\":{},\"materials\":{\"src/a.c\":{\"sha256\":\"" + "ab".repeat(32)
                + "\"}},\"name\":\"build\",\"products\":{\"app\":{\"sha256\":\"" + "cd".repeat(32) + "\"}}}");
    }

    @Test
    void unknownSignedFieldsStayCovered() throws Exception {
        var signed = sample().toJsonNode().put("extra", "x");
        Metablock read = Metablock.parse(new Metablock(signed, List.of()).toJson());
        assertThat(CanonicalJson.encodeToString(read.signed())).contains("\"extra\":\"x\"");
    }

    @Test
    void statementCarriesTheSameEvidence() throws Exception {
        Statement statement = LinkPredicate.toStatement(sample());
        assertThat(statement.predicateType()).isEqualTo("https://in-toto.io/attestation/link/v0.3");
        assertThat(statement.subject()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("app"));
        assertThat(statement.predicate().at("/materials/0/name").asText()).isEqualTo("src/a.c");
        assertThat(statement.predicate().has("products")).isFalse();
        assertThat(LinkPredicate.toLink(Statement.parse(statement.toJson()))).isEqualTo(sample());
    }

    @Test
    void malformedLinksAreRefused() {
        assertThatThrownBy(() -> Metablock.parse("{\"signed\":{\"_type\":\"link\",\"x\":1.5}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class).hasMessageContaining("canonical");
        assertThatThrownBy(() -> Metablock.parse("{\"signatures\":[{\"keyid\":\"zz\",\"sig\":\"00\"}],\"signed\":{}}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Link.fromJson(JsonNodeFactory.instance.objectNode().put("_type", "layout")))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Link.fromJson(sample().toJsonNode().put("command", "make")))
                .isInstanceOf(FormatException.class);
    }
    @Test
    void metadataNamingAMemberTwiceIsRefused() throws Exception {
        String key = "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\": {\"public\": \"" + "ab".repeat(32) + "\"}}";
        String twice = "{\"signatures\": [], \"signed\": {\"_type\": \"layout\", \"keys\": {\"aa\": " + key + ", \"aa\": " + key + "}}}";
        assertThatThrownBy(() -> Metablock.parse(twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class).hasMessageContaining("Duplicate field 'aa'");
        assertThat(Metablock.parse(twice.replaceFirst("\"aa\"", "\"bb\"").getBytes(StandardCharsets.UTF_8)).type()).isEqualTo("layout");
    }

    @Test
    void aLinkWithoutAStepNameIsMalformed() {
        for (String name : new String[] {"\"\"", "7", "null"}) {
            String signed = "{\"_type\": \"link\", \"name\": " + name + "}";
            assertThatThrownBy(() -> Link.fromJson(dev.provenant.attest.json.JsonCodec.readTree(signed.getBytes(StandardCharsets.UTF_8), "link")))
                    .as(name).isInstanceOf(FormatException.class).hasMessageContaining("no step name");
        }
    }
}
