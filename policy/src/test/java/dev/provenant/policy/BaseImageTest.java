package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which resolved dependencies are base images, where their signatures are looked for, and when they are pinned. */
class BaseImageTest {
    static final String HEX = "a".repeat(64);
    static final String OTHER = "b".repeat(64);

    static ResourceDescriptor dependency(String uri, Map<String, String> digest) {
        return new ResourceDescriptor(null, uri, digest, null, null, null, JsonNodeFactory.instance.objectNode());
    }

    static BaseImage image(String uri, Map<String, String> digest) {
        return BaseImage.of(dependency(uri, digest)).orElseThrow();
    }

    @Test
    void ociAndDockerUrisNameTheirRepositoryAndDigest() {
        BaseImage oci = image("oci://registry.example/base/jre:17@sha256:" + HEX, Map.of());
        assertThat(oci.repository()).isEqualTo("registry.example/base/jre");
        assertThat(oci.digest()).hasValueSatisfying(d -> assertThat(d.hex()).isEqualTo(HEX));
        assertThat(oci.problem()).isEmpty();
        BaseImage docker = image("docker://localhost:5000/base", Map.of("sha256", HEX));
        assertThat(docker.repository()).isEqualTo("localhost:5000/base");
        assertThat(docker.digest()).isPresent();
    }

    @Test
    void packageUrlsNameTheirRegistry() {
        assertThat(image("pkg:docker/alpine@sha256%3A" + HEX, Map.of()).repository()).isEqualTo("docker.io/library/alpine");
        assertThat(image("pkg:docker/acme/jre@sha256:" + HEX + "?repository_url=registry.example", Map.of()).repository())
                .isEqualTo("registry.example/acme/jre");
        BaseImage oci = image("pkg:oci/jre@sha256%3A" + HEX + "?repository_url=registry.example%2Facme%2Fjre", Map.of());
        assertThat(oci.repository()).isEqualTo("registry.example/acme/jre");
        assertThat(oci.digest()).isPresent();
    }

    @Test
    void otherDependenciesAreNotImages() {
        assertThat(BaseImage.of(dependency("pkg:maven/org.example/lib@1.0", Map.of("sha256", HEX)))).isEmpty();
        assertThat(BaseImage.of(dependency("git+https://github.com/acme/app", Map.of()))).isEmpty();
        assertThat(BaseImage.of(dependency(null, Map.of("sha256", HEX)))).isEmpty();
        assertThat(BaseImage.of(dependency("oci://" + "x".repeat(BaseImage.MAX_URI), Map.of()))).isEmpty();
    }

    @Test
    void anImageIsPinnedOnlyBySha256AndOnlyWhenItsDigestsAgree() {
        assertThat(image("oci://registry.example/base:17", Map.of()).problem()).hasValue("not pinned by a digest");
        assertThat(image("oci://registry.example/base:17", Map.of()).repository()).isEqualTo("registry.example/base");
        assertThat(image("oci://registry.example/base@sha512:" + HEX + HEX, Map.of()).problem()).hasValue("pinned by sha512, not sha256");
        assertThat(image("oci://registry.example/base@sha256:abc", Map.of()).problem().orElseThrow()).startsWith("its digest is malformed");
        BaseImage contradicted = image("oci://registry.example/base@sha256:" + HEX, Map.of("sha256", OTHER));
        assertThat(contradicted.digest()).isEmpty();
        assertThat(contradicted.problem().orElseThrow()).contains("names sha256:" + HEX).contains("its digest is sha256:" + OTHER);
        assertThat(image("oci://registry.example/base@sha256:" + HEX, Map.of("sha256", HEX)).problem()).isEmpty();
    }

    @Test
    void givenImagesArePinnedTheSameWay() {
        assertThat(BaseImage.given("registry.example/base@sha256:" + HEX).problem()).isEmpty();
        assertThat(BaseImage.given("oci://registry.example/base@sha256:" + HEX).repository()).isEqualTo("registry.example/base");
        assertThat(BaseImage.given("registry.example/base:17").problem()).isEqualTo(Optional.of("not pinned by a digest"));
    }
}
