package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-platform indexes against a real docker-registry on loopback: signing the index digest signs the
 * index alone; --recursive signs and requires every platform manifest it lists too.
 */
class ImageIndexCliTest {
    @TempDir
    static Path dir;

    static ImageTestbed bed;
    static LocalRegistry registry;
    static RegistryClient client;
    static String key;
    static String pub;

    @BeforeAll
    static void start() throws Exception {
        bed = ImageTestbed.start(dir);
        registry = bed.registry;
        client = bed.client;
        key = bed.key;
        pub = bed.pub;
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    /** Two platform images and an OCI index listing both, pushed as REPO:multi; returns the index and its entries. */
    private static Descriptor[] pushIndex(String repo) throws Exception {
        ImageReference ref = ImageReference.parse(registry.host() + "/" + repo + ":amd64");
        Descriptor amd64 = TestImages.push(client, ref, TestImages.image(repo + "-amd64"));
        Descriptor arm64 = TestImages.push(client, ImageReference.parse(registry.host() + "/" + repo + ":arm64"),
                TestImages.image(repo + "-arm64"));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_INDEX + "\",\"manifests\":["
                + entry(amd64, "amd64") + "," + entry(arm64, "arm64") + "]}";
        RegistryClient.Pushed pushed = client.pushManifest(ref, "multi", index.getBytes(StandardCharsets.UTF_8), Manifest.OCI_INDEX);
        Descriptor top = new Descriptor(Manifest.OCI_INDEX, pushed.digest(), index.length(), null, java.util.Map.of());
        return new Descriptor[] {top, amd64, arm64};
    }

    private static String entry(Descriptor d, String arch) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size()
                + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.mapper().readTree(run.out());
    }

    @Test
    void recursiveSigningCoversEveryPlatformAndRecursiveVerifyingRequiresIt() throws Exception {
        Descriptor[] index = pushIndex("multi/app");
        String pinned = registry.host() + "/multi/app@" + index[0].digest();
        CliRun sign = CliRun.of("sign-image", "--key", key, "--recursive", "--json", pinned);
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(json(sign).path("platforms")).hasSize(2);
        assertThat(json(sign).path("platforms").get(0).path("digest").asText()).isEqualTo(index[1].digest().toString());

        CliRun verify = CliRun.of("verify-image", "--key", pub, "--recursive", "--json", pinned);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(json(verify).path("platforms")).hasSize(2).allSatisfy(p -> assertThat(p.path("ok").asBoolean()).isTrue());
        // each platform manifest verifies on its own too
        CliRun platform = CliRun.of("verify-image", "--key", pub, registry.host() + "/multi/app@" + index[2].digest());
        assertThat(platform.exitCode()).as(platform.err()).isZero();
    }

    @Test
    void signingTheIndexAloneLeavesItsPlatformsUnsignedAndRecursiveVerifyingSaysWhich() throws Exception {
        Descriptor[] index = pushIndex("multi/top");
        String pinned = registry.host() + "/multi/top@" + index[0].digest();
        assertThat(CliRun.of("sign-image", "--key", key, pinned).exitCode()).isZero();
        assertThat(CliRun.of("verify-image", "--key", pub, pinned).exitCode()).isZero();
        CliRun recursive = CliRun.of("verify-image", "--key", pub, "--recursive", pinned);
        assertThat(recursive.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(recursive.err()).contains("platform manifest " + index[1].digest()).contains("no signature or attestation found")
                .doesNotContain("Exception");
        CliRun platform = CliRun.of("verify-image", "--key", pub, registry.host() + "/multi/top@" + index[1].digest());
        assertThat(platform.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
    }

    @Test
    void oneUnsignedPlatformFailsTheRecursiveVerification() throws Exception {
        Descriptor[] index = pushIndex("multi/half");
        assertThat(CliRun.of("sign-image", "--key", key, registry.host() + "/multi/half@" + index[0].digest()).exitCode()).isZero();
        assertThat(CliRun.of("sign-image", "--key", key, registry.host() + "/multi/half@" + index[1].digest()).exitCode()).isZero();
        CliRun recursive = CliRun.of("verify-image", "--key", pub, "--recursive", "--json",
                registry.host() + "/multi/half@" + index[0].digest());
        assertThat(recursive.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(recursive).path("platforms").get(0).path("ok").asBoolean()).isTrue();
        assertThat(json(recursive).path("platforms").get(1).path("ok").asBoolean()).isFalse();
        assertThat(json(recursive).path("message").asText()).startsWith("platform manifest " + index[2].digest());
    }
}
