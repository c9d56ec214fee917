package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.CredentialStore;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promote oci://IMAGE} against a real docker-registry on loopback: the image is promoted by its
 * manifest digest and its referrers are the evidence, verified by the gate against the stage's signers.
 */
class PromoteImageCliTest {
    static final Path KEYS = PromoteCliTest.KEYS;
    static final String PROVENANCE = "https://slsa.dev/provenance/v1";
    static final String VSA = "https://slsa.dev/verification_summary/v1";

    @TempDir
    static Path dir;

    static LocalRegistry registry;
    static RegistryClient client;
    static String policy;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"));
        client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.copy(KEYS.resolve("ec-p256.pub"), keys.resolve("builder.pub"));
        Files.copy(KEYS.resolve("rsa-3072.pub"), keys.resolve("build-gate.pub"));
        policy = Files.writeString(dir.resolve("policy.yaml"), PromoteCliTest.POLICY).toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static Descriptor push(String repo, String seed) throws Exception {
        return TestImages.push(client, ImageReference.parse(registry.host() + "/" + repo + ":1.0"), TestImages.image(seed));
    }

    /** SLSA provenance finished a minute ago, attested about the image with {@code key} and attached to it. */
    private static void attestProvenance(String image, String key) throws Exception {
        String finished = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Path predicate = Files.writeString(Files.createTempFile(dir, "predicate", ".json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {}},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}, "metadata": {"finishedOn": "%s"}}}
                """.formatted(finished));
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve(key).toString(), "--type", PROVENANCE, "--predicate",
                predicate.toString(), image);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
    }

    @Test
    void anImageIsPromotedOnTheEvidenceAttachedToIt() throws Exception {
        Descriptor pushed = push("gate/app", "app-1");
        String image = "oci://" + registry.host() + "/gate/app@" + pushed.digest();
        attestProvenance(image, "ec-p256-sec1.pem");
        String vsa = dir.resolve("app.build.vsa.json").toString();
        CliRun build = CliRun.of("promote", "--policy", policy, "--stage", "build", "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(),
                "--vsa-output", vsa, "--json", image);
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        JsonNode verdict = JsonCodec.mapper().readTree(build.out());
        assertThat(verdict.path("passed").asBoolean()).isTrue();
        assertThat(verdict.toString()).contains("referrer sha256:");

        // the VSA is about the image's manifest digest, and names the pinned image as its resource
        JsonNode statement = JsonCodec.mapper().readTree(java.util.Base64.getDecoder().decode(
                JsonCodec.mapper().readTree(Files.readAllBytes(Path.of(vsa))).at("/dsseEnvelope/payload").asText()));
        assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(pushed.digest().hex());
        assertThat(statement.at("/predicate/resourceUri").asText()).isEqualTo(registry.host() + "/gate/app@" + pushed.digest());
        CliRun verified = CliRun.of("verify-attestation", "--key", KEYS.resolve("rsa-3072.pub").toString(), "--bundle", vsa,
                "--type", VSA, pushed.digest().toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
    }

    @Test
    void anImageWithoutEvidenceOrWithAnotherSignersIsRefused() throws Exception {
        Descriptor bare = push("gate/bare", "bare-1");
        CliRun none = CliRun.of("promote", "--policy", policy, "--stage", "build", "oci://" + registry.host() + "/gate/bare@" + bare.digest());
        assertThat(none.exitCode()).as(none.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(none.err()).contains("promotion to build refused");

        Descriptor other = push("gate/other", "other-1");
        String image = "oci://" + registry.host() + "/gate/other@" + other.digest();
        attestProvenance(image, "rsa-3072-pkcs8.pem");
        CliRun wrongSigner = CliRun.of("promote", "--policy", policy, "--stage", "build", image);
        assertThat(wrongSigner.exitCode()).as(wrongSigner.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(wrongSigner.out()).contains("FAIL provenance.signers");

        // evidence attached to one image is not evidence for another under the same tag
        Descriptor retagged = push("gate/app2", "app2-1");
        attestProvenance("oci://" + registry.host() + "/gate/app2@" + retagged.digest(), "ec-p256-sec1.pem");
        Descriptor replacement = push("gate/app2", "app2-evil");
        CliRun moved = CliRun.of("promote", "--policy", policy, "--stage", "build", "oci://" + registry.host() + "/gate/app2:1.0");
        assertThat(moved.exitCode()).as(moved.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(moved.err()).contains("is a tag").contains(replacement.digest().toString());
    }

    @Test
    void anImagesVsaNeedsAnOutputFile() throws Exception {
        Descriptor pushed = push("gate/out", "out-1");
        String image = "oci://" + registry.host() + "/gate/out@" + pushed.digest();
        attestProvenance(image, "ec-p256-sec1.pem");
        CliRun run = CliRun.of("promote", "--policy", policy, "--stage", "build", "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(),
                image);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--vsa-output").doesNotContain("Exception");
    }
}
