package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oci://} operands of sign, attest, verify and verify-attestation, against a real docker-registry on
 * loopback: each routes to the image path (the same one sign-image and verify-image take), and what the
 * image path cannot honour is a usage error.
 */
class ImageOperandCliTest {
    private static final String PROVENANCE = "https://slsa.dev/provenance/v1";

    @TempDir
    static Path dir;

    static ImageTestbed bed;
    static LocalRegistry registry;
    static String key;
    static String pub;
    static String otherPub;
    static Path predicate;

    @BeforeAll
    static void start() throws Exception {
        bed = ImageTestbed.start(dir);
        registry = bed.registry;
        key = bed.key;
        pub = bed.pub;
        otherPub = bed.otherPub;
        predicate = Files.writeString(dir.resolve("provenance.json"), "{\"buildDefinition\":{\"buildType\":\"https://example.com/b/v1\"}}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private static String pushed(String repo, String seed) throws Exception {
        Descriptor image = bed.push(repo + ":1.0", seed);
        return "oci://" + registry.host() + "/" + repo + "@" + image.digest();
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.mapper().readTree(run.out());
    }

    @Test
    void signThenVerifyAnImageOperand() throws Exception {
        String image = pushed("ops/signed", "signed-1");
        CliRun sign = CliRun.of("sign", "--key", key, "--json", image);
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(json(sign).path("referrer").asText()).startsWith("sha256:");
        assertThat(Files.exists(Path.of(image + ".sigstore.json"))).isFalse();

        CliRun verify = CliRun.of("verify", "--key", pub, "--json", image);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(json(verify).path("referrersSource").asText()).isNotEmpty();
        assertThat(json(verify).path("verifiedBy").asText()).isEqualTo(json(sign).path("referrer").asText());
        // the same command as verify-image, the same report
        CliRun asImage = CliRun.of("verify-image", "--key", pub, image);
        assertThat(asImage.exitCode()).as(asImage.err()).isZero();
        assertThat(CliRun.of("verify", "--key", pub, image).out()).isEqualTo(asImage.out());

        CliRun wrongKey = CliRun.of("verify", "--key", otherPub, image);
        assertThat(wrongKey.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(wrongKey.err()).contains("none satisfies the policy").doesNotContain("Exception");
    }

    @Test
    void anUnsignedImageFailsVerifyAndAnotherImagesSignatureDoesNotCount() throws Exception {
        String signed = pushed("ops/one", "one-1");
        assertThat(CliRun.of("sign", "--key", key, signed).exitCode()).isZero();
        String other = pushed("ops/one", "one-2");
        CliRun unsigned = CliRun.of("verify", "--key", pub, other);
        assertThat(unsigned.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(unsigned.err()).contains("no signature or attestation found");
    }

    @Test
    void attestThenVerifyAttestationOfAnImageOperand() throws Exception {
        String image = pushed("ops/attested", "attested-1");
        CliRun attest = CliRun.of("attest", "--key", key, "--type", PROVENANCE, "--predicate", predicate.toString(), "--json", image);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        assertThat(json(attest).path("predicateType").asText()).isEqualTo(PROVENANCE);

        CliRun verify = CliRun.of("verify-attestation", "--key", pub, "--type", PROVENANCE, "--json", image);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(json(verify).path("bundles").get(0).path("statementPredicateType").asText()).isEqualTo(PROVENANCE);

        // an attestation is not a signature, and one of another type does not answer for this one
        CliRun asSignature = CliRun.of("verify", "--key", pub, "--json", image);
        assertThat(asSignature.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(asSignature).path("bundles").get(0).path("check").asText()).isEqualTo("predicate-type");
        CliRun otherType = CliRun.of("verify-attestation", "--key", pub, "--type", "https://cyclonedx.org/bom", image);
        assertThat(otherType.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
    }

    @Test
    void whatTheImagePathCannotHonourIsAUsageError() throws Exception {
        String image = pushed("ops/usage", "usage-1");
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        assertUsage(CliRun.of("verify", "--key", pub, "--bundle", dir.resolve("b.json").toString(), image), "drop --bundle");
        assertUsage(CliRun.of("verify-attestation", "--key", pub, image), "--type");
        assertUsage(CliRun.of("verify-attestation", "--key", pub, "--type", PROVENANCE, image, file.toString()), "alone");
        assertUsage(CliRun.of("verify-attestation", "--key", pub, "--type", PROVENANCE, "--print-statement", image), "--print-statement");
        assertUsage(CliRun.of("attest", "--key", key, "--type", PROVENANCE, "--predicate", predicate.toString(), image, file.toString()),
                "alone");
        assertUsage(CliRun.of("attest", "--key", key, "--statement", predicate.toString(), image), "--statement");
        assertUsage(CliRun.of("sign", "--key", key, "--tlog-upload", image), "--tlog-upload");
        assertUsage(CliRun.of("sign", "--key", key, "--store", dir.resolve("store").toString(), image), "--store");
        assertUsage(CliRun.of("verify", "--key", pub, "oci://"), "oci:// needs an image");
        assertUsage(CliRun.of("verify-provenance", "--key", pub, "--source-uri", "github.com/acme/app", image, file.toString()), "alone");
        assertUsage(CliRun.of("verify-provenance", "--key", pub, "--bundle", file.toString(), "--source-uri", "github.com/acme/app",
                image), "drop --bundle");
        assertUsage(CliRun.of("verify", "--key", pub, "--registry-timeout", "0", image), "--registry-timeout");
    }

    /**
     * GitHub Actions provenance as Provenant's generator writes it, attested onto the image with the key: its
     * predicate, under a statement whose subject is the image (the generator's placeholder subject is dropped).
     */
    private static void attestProvenance(String image) throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/app", "GITHUB_REF", "refs/tags/v1.4.2", "GITHUB_WORKFLOW_REF",
                "acme/app/.github/workflows/release.yml@refs/tags/v1.4.2", "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
                "GITHUB_RUN_ID", "42");
        var build = new dev.provenant.attest.ci.CiDetection(java.util.List.of(new dev.provenant.attest.ci.GitHubActionsDetector()))
                .detect(new dev.provenant.attest.ci.Environment(env), dir);
        var statement = new dev.provenant.attest.slsa.ProvenanceGenerator().generate(java.util.List.of(
                dev.provenant.attest.intoto.ResourceDescriptor.of("placeholder", dev.provenant.attest.digest.Digest.parse("sha256:" + "0".repeat(64)))),
                build, java.util.List.of(),
                dev.provenant.attest.slsa.ProvenanceGenerator.Overrides.none(), java.time.Instant.parse("2026-11-27T10:00:00Z"));
        Path predicate = Files.createTempFile(dir, "provenance", ".json");
        JsonCodec.mapper().writeValue(predicate.toFile(), JsonCodec.mapper().readTree(statement.toJson()).path("predicate"));
        CliRun attest = CliRun.of("attest", "--key", key, "--type", PROVENANCE, "--predicate", predicate.toString(), image);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
    }

    @Test
    void verifyProvenanceOfAnImageAsSlsaVerifierVerifyImage() throws Exception {
        String image = pushed("ops/provenance", "provenance-1");
        attestProvenance(image);
        String workflow = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.4.2";
        CliRun ok = CliRun.of("verify-provenance", "--key", pub, "--source-uri", "github.com/acme/app", "--builder-id", workflow,
                "--json", image);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(json(ok).path("builderId").asText()).isEqualTo(workflow);

        CliRun otherSource = CliRun.of("verify-provenance", "--key", pub, "--source-uri", "github.com/acme/other", image);
        assertThat(otherSource.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(otherSource.err()).contains("source").doesNotContain("Exception");
        CliRun otherKey = CliRun.of("verify-provenance", "--key", otherPub, "--source-uri", "github.com/acme/app", image);
        assertThat(otherKey.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);

        // another image has no provenance of its own, whatever is attached to this one
        String bare = pushed("ops/provenance", "provenance-2");
        CliRun none = CliRun.of("verify-provenance", "--key", pub, "--source-uri", "github.com/acme/app", bare);
        assertThat(none.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(none.err()).contains("no Sigstore bundle is attached");
    }

    private static void assertUsage(CliRun run, String says) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains(says).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines().count()).as(run.err()).isLessThanOrEqualTo(2);
    }
}
