package dev.provenant.attest.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MavenArtifactDescriptorTest {
    private static final Digest SHA256 = Digest.ofHex(DigestAlgorithm.SHA256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    @Test
    void plainJarHasNoQualifiersButTheRepository() {
        var d = new MavenArtifactDescriptor("dev.sigstore", "sigstore-java", "1.3.0", "", "jar", "https://repo.example/maven2");
        assertThat(d.packageUrl())
                .isEqualTo("pkg:maven/dev.sigstore/sigstore-java@1.3.0?repository_url=https://repo.example/maven2");
        assertThat(d.downloadLocation())
                .isEqualTo("https://repo.example/maven2/dev/sigstore/sigstore-java/1.3.0/sigstore-java-1.3.0.jar");
        assertThat(d.coordinates()).isEqualTo("dev.sigstore:sigstore-java:jar:1.3.0");
    }

    @Test
    void classifierAndTypeAreSortedQualifiers() {
        var d = new MavenArtifactDescriptor("org.example", "lib", "2.0", "sources", "zip", "");
        assertThat(d.packageUrl()).isEqualTo("pkg:maven/org.example/lib@2.0?classifier=sources&type=zip");
        assertThat(d.fileName()).isEqualTo("lib-2.0-sources.zip");
        assertThat(d.downloadLocation()).isEmpty();
    }

    @Test
    void describesWithDigestAndLocation() {
        ResourceDescriptor r = new MavenArtifactDescriptor("org.example", "lib", "2.0", null, null, "https://r.example/")
                .describe(SHA256);
        assertThat(r.name()).isEqualTo("org.example:lib:jar:2.0");
        assertThat(r.uri()).isEqualTo("pkg:maven/org.example/lib@2.0?repository_url=https://r.example/");
        assertThat(r.digest()).containsEntry("sha256", SHA256.hex());
        assertThat(r.downloadLocation()).isEqualTo("https://r.example/org/example/lib/2.0/lib-2.0.jar");
    }

    @Test
    void anInternalParameterIsAddedWithoutChangingTheOriginal() {
        var env = new BuildEnvironment("x", "b", "t", JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode().put("host", "h"), Optional.empty(), Optional.empty(), Optional.empty());
        var more = env.withInternalParameter("maven", JsonNodeFactory.instance.objectNode().put("version", "3.8.7"));
        assertThat(more.internalParameters().at("/maven/version").asText()).isEqualTo("3.8.7");
        assertThat(more.internalParameters().get("host").asText()).isEqualTo("h");
        assertThat(env.internalParameters().has("maven")).isFalse();
    }
}
