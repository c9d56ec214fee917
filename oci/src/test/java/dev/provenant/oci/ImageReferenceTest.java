package dev.provenant.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String HEX = "3f1c".repeat(16);

    @Test
    void readsReferencesAsDockerDoes() {
        ImageReference r = ImageReference.parse("oci://registry.example.com:5000/team/app:1.0@sha256:" + HEX);
        assertThat(r.registry()).isEqualTo("registry.example.com:5000");
        assertThat(r.repository()).isEqualTo("team/app");
        assertThat(r.tag()).isEqualTo("1.0");
        assertThat(r.digest().toString()).isEqualTo("sha256:" + HEX);
        assertThat(r.isLoopback()).isFalse();

        ImageReference hub = ImageReference.parse("alpine");
        assertThat(hub.registry()).isEqualTo("docker.io");
        assertThat(hub.repository()).isEqualTo("library/alpine");
        assertThat(hub.tag()).isEqualTo("latest");
        assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");

        assertThat(ImageReference.parse("localhost:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.0.0.1:5000/a@sha256:" + HEX).tag()).isNull();
        assertThat(ImageReference.parse("[::1]:5000/a:b").isLoopback()).isTrue();
    }

    @Test
    void refusesMalformedReferences() {
        assertThatThrownBy(() -> ImageReference.parse("Registry.example.com/UPPER")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("r.example.com/a@sha256:abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("r.example.com/a@sha512:" + HEX + HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("r.example.com/a:" + "t".repeat(200))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("r.example.com/a/../b")).isInstanceOf(IllegalArgumentException.class);
    }
}
