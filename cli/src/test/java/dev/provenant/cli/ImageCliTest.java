package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.CredentialStore;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.CosignLegacy;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.testing.LegacyLayout;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sign-image, attest-image and verify-image against a real docker-registry on loopback. */
class ImageCliTest {
    @TempDir
    static Path dir;

    static ImageTestbed bed;
    static LocalRegistry registry;
    static RegistryClient client;
    static String key;
    static String pub;
    static String otherPub;

    @BeforeAll
    static void start() throws Exception {
        bed = ImageTestbed.start(dir);
        registry = bed.registry;
        client = bed.client;
        key = bed.key;
        pub = bed.pub;
        otherPub = bed.otherPub;
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private static Descriptor push(String repoAndTag, String seed) throws Exception {
        return bed.push(repoAndTag, seed);
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.mapper().readTree(run.out());
    }

    @Test
    void signVerifyRetagStory() throws Exception {
        Descriptor image = push("shop/web:1.0", "web-1");
        String pinned = registry.host() + "/shop/web@" + image.digest();
        CliRun sign = CliRun.of("sign-image", "--key", key, "--json", pinned);
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(json(sign).path("fallbackTag").asText()).isEqualTo("sha256-" + image.digest().hex());
        assertThat(json(sign).path("digest").asText()).isEqualTo(image.digest().toString());

        CliRun verify = CliRun.of("verify-image", "--key", pub, pinned);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Verified " + registry.host() + "/shop/web@" + image.digest()).contains("1 bundle(s), 1 verified");

        CliRun wrongKey = CliRun.of("verify-image", "--key", otherPub, "--json", pinned);
        assertThat(wrongKey.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(wrongKey).path("ok").asBoolean()).isFalse();
        assertThat(json(wrongKey).path("bundles").get(0).path("check").asText()).isEqualTo("signature");
        assertThat(wrongKey.err()).contains("none satisfies the policy");

        // the tag now names another image: pinned with the tag it is refused, by tag alone the new image has no signature
        push("shop/web:1.0", "web-evil");
        CliRun moved = CliRun.of("verify-image", "--key", pub, registry.host() + "/shop/web:1.0@" + image.digest());
        assertThat(moved.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(moved.err()).contains("the tag moved");
        CliRun byTag = CliRun.of("verify-image", "--key", pub, registry.host() + "/shop/web:1.0");
        assertThat(byTag.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(byTag.err()).contains("is a tag").contains("no signature or attestation found");
    }

    @Test
    void attestationsVerifyByPredicateType() throws Exception {
        Descriptor image = push("shop/api:1.0", "api-1");
        Path predicate = dir.resolve("provenance.json");
        Files.writeString(predicate, "{\"buildDefinition\":{\"buildType\":\"https://example.com/build/v1\"}}");
        String tagged = registry.host() + "/shop/api:1.0";
        CliRun attest = CliRun.of("attest-image", "--key", key, "--type", "https://slsa.dev/provenance/v1", "--predicate",
                predicate.toString(), tagged);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        assertThat(attest.err()).contains("is a tag");
        String pinned = registry.host() + "/shop/api@" + image.digest();
        CliRun asProvenance = CliRun.of("verify-image", "--key", pub, "--predicate-type", "https://slsa.dev/provenance/v1", "--json", pinned);
        assertThat(asProvenance.exitCode()).as(asProvenance.err()).isZero();
        assertThat(json(asProvenance).path("bundles").get(0).path("statementPredicateType").asText())
                .isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(json(asProvenance).path("bundles").get(0).path("timestamps").asInt()).isZero();
        CliRun asSignature = CliRun.of("verify-image", "--key", pub, "--json", pinned);
        assertThat(asSignature.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(asSignature).path("bundles").get(0).path("check").asText()).isEqualTo("predicate-type");
    }

    /**
     * A key-signed cosign legacy signature with its Rekor bundle (logged in the embedded stack's Rekor v1),
     * beside a referrer: --json lists both with their verdicts, and a malformed legacy layer fails alone.
     */
    @Test
    void legacySignaturesAreListedWithTheirVerdicts() throws Exception {
        try (dev.provenant.localsigstore.LocalSigstore stack = dev.provenant.localsigstore.LocalSigstore.start(dir.resolve("stack"), 0, 0,
                dev.provenant.localsigstore.Identity.parse("unused@example.test"), dev.provenant.localsigstore.RekorApis.V1)) {
            Descriptor image = push("shop/legacy:1.0", "legacy-1");
            ImageReference ref = ImageReference.parse(registry.host() + "/shop/legacy:1.0");
            String pinned = registry.host() + "/shop/legacy@" + image.digest();
            Path payload = Files.write(dir.resolve("simple-signing.json"), LegacyLayout.simpleSigning(ref.repositoryName(), image.digest()));
            Path signed = dir.resolve("simple-signing.sigstore.json");
            CliRun sign = CliRun.of("sign", "--key", key, "--tlog-upload", "--signing-config", stack.signingConfig().toString(),
                    "--bundle", signed.toString(), payload.toString());
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            dev.provenant.attest.bundle.Bundle bundle = dev.provenant.attest.bundle.Bundle.read(signed);
            LegacyLayout.Layer layer = new LegacyLayout.Layer(CosignLegacy.SIMPLE_SIGNING_MEDIA_TYPE, Files.readAllBytes(payload), Map.of(
                    CosignLegacy.SIGNATURE_ANNOTATION, bundle.messageSignature().signature(),
                    CosignLegacy.BUNDLE_ANNOTATION, LegacyLayout.rekorBundle(bundle.verificationMaterial().tlogEntries().get(0))));
            LegacyLayout.Layer malformed = layer.with(CosignLegacy.BUNDLE_ANNOTATION, "{\"SignedEntryTimestamp\":\"%%\"}");
            Digest sigManifest = LegacyLayout.push(client, ref, CosignLegacy.signatureTag(image.digest()), List.of(malformed, layer));
            assertThat(CliRun.of("sign-image", "--key", key, pinned).exitCode()).isZero();

            CliRun verify = CliRun.of("verify-image", "--key", pub, "--require-tlog", "--trusted-root", stack.trustedRoot().toString(),
                    "--json", pinned);
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            JsonNode out = json(verify);
            assertThat(out.path("bundles")).hasSize(3);
            // the referrer has no log entry, which --require-tlog asks for
            assertThat(out.path("bundles").get(0).path("layout").asText()).isEqualTo("sigstore-bundle");
            assertThat(out.path("bundles").get(0).path("check").asText()).isEqualTo("tlog-required");
            JsonNode bad = out.path("bundles").get(1);
            assertThat(bad.path("layout").asText()).isEqualTo("cosign-legacy-sig");
            assertThat(bad.path("where").asText()).isEqualTo("sha256-" + image.digest().hex() + ".sig");
            assertThat(bad.path("manifest").asText()).isEqualTo(sigManifest.toString());
            assertThat(bad.path("verified").asBoolean()).isFalse();
            assertThat(bad.path("check").asText()).isEqualTo("bundle-format");
            JsonNode good = out.path("bundles").get(2);
            assertThat(good.path("verified").asBoolean()).isTrue();
            assertThat(good.path("tlogEntries").asInt()).isEqualTo(1);
            // a legacy signature is a message signature: no statement
            assertThat(good.has("statementPredicateType")).isFalse();
            assertThat(out.path("verifiedBy").asText()).isEqualTo(sigManifest.toString());

            // only the malformed layer left: exit 1, naming the check
            Descriptor other = push("shop/legacy:2.0", "legacy-2");
            ImageReference otherRef = ImageReference.parse(registry.host() + "/shop/legacy:2.0");
            LegacyLayout.push(client, otherRef, CosignLegacy.signatureTag(other.digest()), List.of(malformed));
            CliRun refused = CliRun.of("verify-image", "--key", pub, "--trusted-root", stack.trustedRoot().toString(),
                    registry.host() + "/shop/legacy@" + other.digest());
            assertThat(refused.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
            assertThat(refused.err()).contains("first failure: bundle format").contains(CosignLegacy.BUNDLE_ANNOTATION).doesNotContain("\tat ");
        }
    }

    @Test
    void aRegistryThatIsDownFailsAsAServiceNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("verify-image", "--key", pub, "127.0.0.1:" + port + "/a/b@sha256:" + "0".repeat(64));
        assertThat(run.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(run.err()).contains("registry 127.0.0.1:" + port).doesNotContain("\tat ");
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread holder = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            holder.setDaemon(true);
            holder.start();
            long start = System.nanoTime();
            CliRun run = CliRun.of("verify-image", "--key", pub, "--registry-timeout", "1",
                    "127.0.0.1:" + silent.getLocalPort() + "/a/b@sha256:" + "0".repeat(64));
            assertThat(run.exitCode()).isEqualTo(ExitCode.SERVICE);
            assertThat(run.err()).contains("registry 127.0.0.1:" + silent.getLocalPort());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
        }
    }

    @Test
    void aRegistryAnswering500FailsAsAService() throws Exception {
        // answers every connection, TLS or not, with a 500 (as a broken registry behind a proxy does)
        try (ServerSocket broken = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!broken.isClosed()) {
                    try (Socket s = broken.accept(); OutputStream out = s.getOutputStream()) {
                        out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (Exception ignored) {
                        // next connection
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            CliRun run = CliRun.of("verify-image", "--key", pub, "--json",
                    "127.0.0.1:" + broken.getLocalPort() + "/a/b@sha256:" + "0".repeat(64));
            assertThat(run.exitCode()).isEqualTo(ExitCode.SERVICE);
            assertThat(run.err()).contains("HTTP 500").contains("registry 127.0.0.1:" + broken.getLocalPort());
            assertThat(json(run).path("error").asText()).isEqualTo("registry");
        }
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(CliRun.of("verify-image", "--key", pub, "Not A Reference").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("verify-image", "--key", pub, "--bundle", "x.json", registry.host() + "/a/b:1").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("sign-image", registry.host() + "/a/b:1").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void basicAuthCredentialsComeFromDockerConfigAndHelpers() throws Exception {
        try (LocalRegistry secured = LocalRegistry.start(dir.resolve("secured"), true, false)) {
            Path config = secured.dockerConfig(dir.resolve("docker-ok"));
            RegistryClient authed = new RegistryClient(RegistryClient.Options.defaults(
                    dev.provenant.oci.DockerConfig.fromEnvironment(java.util.Map.of("DOCKER_CONFIG", config.toString()))));
            Descriptor image = TestImages.push(authed, ImageReference.parse(secured.host() + "/private/app:1"), TestImages.image("private"));
            String pinned = secured.host() + "/private/app@" + image.digest();

            CliRun anonymous = CliRun.of("sign-image", "--key", key, "--docker-config", dir.resolve("empty").toString(), pinned);
            assertThat(anonymous.exitCode()).isEqualTo(ExitCode.SERVICE);
            assertThat(anonymous.err()).contains("needs credentials: docker login " + secured.host());

            CliRun sign = CliRun.of("sign-image", "--key", key, "--docker-config", config.toString(), pinned);
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            assertThat(CliRun.of("verify-image", "--key", pub, "--docker-config", config.toString(), pinned).exitCode()).isZero();

            // a helper that fails: exit 3, and what it printed (a secret, perhaps) is not shown
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path helper = bin.resolve("docker-credential-broken");
            Files.writeString(helper, "#!/bin/sh\necho 'hunter2-secret'\nexit 7\n");
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
            Path brokenConfig = Files.createDirectories(dir.resolve("docker-broken"));
            Files.writeString(brokenConfig.resolve("config.json"), "{\"credHelpers\":{\"" + secured.host() + "\":\"broken\"}}");
            var env = new java.util.HashMap<>(System.getenv());
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", ""));
            env.put("DOCKER_CONFIG", brokenConfig.toString());
            var store = dev.provenant.oci.DockerConfig.fromEnvironment(env);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.lookup(secured.host()))
                    .isInstanceOf(dev.provenant.oci.RegistryException.class)
                    .hasMessageContaining("docker-credential-broken failed (exit 7)")
                    .hasMessageNotContaining("hunter2");

            // a helper that answers
            Path good = bin.resolve("docker-credential-good");
            Files.writeString(good, "#!/bin/sh\nread server\necho '{\"ServerURL\":\"'$server'\",\"Username\":\"" + LocalRegistry.USER
                    + "\",\"Secret\":\"" + LocalRegistry.PASSWORD + "\"}'\n");
            Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(brokenConfig.resolve("config.json"), "{\"credsStore\":\"good\"}");
            var helped = new RegistryClient(RegistryClient.Options.defaults(dev.provenant.oci.DockerConfig.fromEnvironment(env)));
            assertThat(helped.manifest(ImageReference.parse(pinned), image.digest().toString()).digest()).isEqualTo(image.digest());
        }
    }

    @Test
    void tlsWithAPrivateCa() throws Exception {
        try (LocalRegistry tls = LocalRegistry.start(dir.resolve("tls"), false, true)) {
            RegistryClient trusting = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous())
                    .withSsl(dev.provenant.oci.RegistryTls.trusting(tls.caFile())));
            Descriptor image = TestImages.push(trusting, ImageReference.parse(tls.host() + "/tls/app:1"), TestImages.image("tls"));
            String pinned = tls.host() + "/tls/app@" + image.digest();
            CliRun sign = CliRun.of("sign-image", "--key", key, "--registry-ca", tls.caFile().toString(), pinned);
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            assertThat(CliRun.of("verify-image", "--key", pub, "--registry-ca", tls.caFile().toString(), pinned).exitCode()).isZero();
            CliRun untrusted = CliRun.of("verify-image", "--key", pub, pinned);
            assertThat(untrusted.exitCode()).isEqualTo(ExitCode.SERVICE);
            assertThat(untrusted.err()).contains("TLS failed");
        }
    }
}
