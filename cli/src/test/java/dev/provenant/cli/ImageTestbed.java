package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.oci.CredentialStore;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.nio.file.Path;

/**
 * What the image CLI tests share: a real docker-registry on loopback (started by {@link LocalRegistry},
 * which skips the test without docker-registry or skopeo), a client of it, and two throwaway key pairs
 * made by {@code provenant keygen}: {@code key}/{@code pub} signs, {@code otherPub} is someone else's.
 */
final class ImageTestbed implements AutoCloseable {
    final LocalRegistry registry;
    final RegistryClient client;
    final String key;
    final String pub;
    final String otherPub;

    private ImageTestbed(LocalRegistry registry, String prefix, String other) {
        this.registry = registry;
        this.client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
        this.key = prefix + ".key";
        this.pub = prefix + ".pub";
        this.otherPub = other + ".pub";
    }

    static ImageTestbed start(Path dir) throws Exception {
        LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
        String prefix = dir.resolve("release").toString();
        assertThat(CliRun.of("keygen", "--no-password", "--output-prefix", prefix).exitCode()).isZero();
        String other = dir.resolve("other").toString();
        assertThat(CliRun.of("keygen", "--no-password", "--output-prefix", other).exitCode()).isZero();
        return new ImageTestbed(registry, prefix, other);
    }

    /** Pushes an image made from {@code seed} as {@code REPO:TAG} (or {@code REPO@...} style names as given). */
    Descriptor push(String repoAndTag, String seed) throws Exception {
        return TestImages.push(client, ImageReference.parse(registry.host() + "/" + repoAndTag), TestImages.image(seed));
    }

    String host() {
        return registry.host();
    }

    @Override
    public void close() throws Exception {
        registry.close();
    }
}
