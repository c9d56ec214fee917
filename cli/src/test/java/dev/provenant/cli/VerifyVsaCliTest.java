package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.testing.SlsaVerifierVectors;
import dev.provenant.verifier.vsa.VsaFixture;
import dev.provenant.verifier.vsa.VsaFixture.Encoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-vsa through the CLI: flags, exit codes, output; the checks themselves are VsaVerifierTest's. */
class VerifyVsaCliTest {
    @TempDir
    static Path dir;
    static KeyPair key;
    static Path pub;
    static Path otherPub;
    static Path envelope;
    static Path bundle;

    @BeforeAll
    static void vsas() throws Exception {
        key = VsaFixture.p256();
        pub = Files.writeString(dir.resolve("vsa.pub"), PemPublicKeys.toPem(key.getPublic()));
        otherPub = Files.writeString(dir.resolve("other.pub"), PemPublicKeys.toPem(VsaFixture.p256().getPublic()));
        envelope = Files.write(dir.resolve("app.vsa.json"), VsaFixture.envelope(VsaFixture.statement(), key, Encoding.RAW, null).toJson());
        bundle = Files.write(dir.resolve("app.vsa.sigstore.json"),
                VsaFixture.bundle(VsaFixture.envelope(VsaFixture.statement(), key, Encoding.DER, null), key));
    }

    static CliRun verify(Path vsa, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify-vsa", "--attestation-path", vsa.toString(), "--public-key-path", pub.toString(),
                "--subject-digest", "sha256:" + VsaFixture.SHA256, "--subject-digest", "gce_image_id:8970095005306000053",
                "--verifier-id", VsaFixture.VERIFIER, "--resource-uri", VsaFixture.RESOURCE, "--verified-level", "SLSA_BUILD_LEVEL_2"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertOneLineFailure(CliRun run, int code, String check) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:").contains(check);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aBareEnvelopeAndABundleAreTrusted() {
        for (Path vsa : List.of(envelope, bundle)) {
            CliRun ok = verify(vsa);
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("Verified OK: VSA", "levels      SLSA_BUILD_LEVEL_3, BCID_L1", "VSA verified levels");
        }
    }

    @Test
    void printAttestationPrintsTheSignedPayloadOnStdout() throws Exception {
        CliRun ok = verify(envelope, "--print-attestation");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode statement = JsonCodec.mapper().readTree(ok.out());
        assertThat(statement.path("predicate").path("resourceUri").asText()).isEqualTo(VsaFixture.RESOURCE);
        assertThat(ok.err()).contains("Verified OK");
    }

    @Test
    void jsonNamesTheChecks() throws Exception {
        CliRun ok = verify(bundle, "--json");
        JsonNode result = JsonCodec.mapper().readTree(ok.out());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("form").asText()).isEqualTo("bundle");
        assertThat(result.path("checks").toString()).contains("vsa-resource-uri", "vsa-levels");
    }

    @Test
    void aClaimThatDoesNotHoldExitsOne() throws Exception {
        assertOneLineFailure(verify(envelope, "--verified-level", "SLSA_BUILD_LEVEL_4"), 1, "VSA verified levels:");
        CliRun wrongKey = CliRun.of("verify-vsa", "--attestation-path", envelope.toString(), "--public-key-path", otherPub.toString(),
                "--subject-digest", "sha256:" + VsaFixture.SHA256, "--verifier-id", VsaFixture.VERIFIER, "--resource-uri", VsaFixture.RESOURCE,
                "--json");
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(JsonCodec.mapper().readTree(wrongKey.out()).get("check").asText()).isEqualTo("signature");
        ObjectNode failed = VsaFixture.statement();
        ((ObjectNode) failed.get("predicate")).put("verificationResult", "FAILED");
        Path failedVsa = Files.write(dir.resolve("failed.vsa.json"), VsaFixture.envelope(failed, key, Encoding.DER, null).toJson());
        CliRun run = verify(failedVsa, "--json");
        assertThat(JsonCodec.mapper().readTree(run.out()).get("check").asText()).isEqualTo("vsa-result");
        CliRun otherResource = CliRun.of("verify-vsa", "--attestation-path", envelope.toString(), "--public-key-path", pub.toString(),
                "--public-key-id", "k1", "--subject-digest", "sha256:" + VsaFixture.SHA256, "--verifier-id", VsaFixture.VERIFIER,
                "--resource-uri", "pkg:other");
        assertOneLineFailure(otherResource, 1, "VSA resource URI:");
    }

    @Test
    void aKeylessIdentityCannotBeSatisfiedByABareEnvelope() throws Exception {
        CliRun run = CliRun.of("verify-vsa", "--attestation-path", envelope.toString(), "--certificate-identity", "gate@example.com",
                "--certificate-oidc-issuer", "https://accounts.example.com", "--subject-digest", "sha256:" + VsaFixture.SHA256,
                "--verifier-id", VsaFixture.VERIFIER, "--resource-uri", VsaFixture.RESOURCE, "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(JsonCodec.mapper().readTree(run.out()).get("check").asText()).isEqualTo("key");
    }

    @Test
    void usageMistakesExitTwo() throws Exception {
        assertThat(verify(envelope, "--subject-digest", "8970095005306000053").exitCode()).isEqualTo(2);
        assertThat(verify(envelope, "--verified-level", "SLSA_BUILD_L2").exitCode()).isEqualTo(2);
        assertThat(verify(envelope, "--certificate-identity", "a@example.com").exitCode()).isEqualTo(2);
        assertThat(verify(dir.resolve("missing.json")).exitCode()).isEqualTo(2);
        CliRun noDigest = CliRun.of("verify-vsa", "--attestation-path", envelope.toString(), "--public-key-path", pub.toString(),
                "--verifier-id", VsaFixture.VERIFIER, "--resource-uri", VsaFixture.RESOURCE);
        assertThat(noDigest.exitCode()).isEqualTo(2);
        assertThat(noDigest.err()).contains("--subject-digest");
        CliRun noSigner = CliRun.of("verify-vsa", "--attestation-path", envelope.toString(), "--subject-digest", "sha256:" + VsaFixture.SHA256,
                "--verifier-id", VsaFixture.VERIFIER, "--resource-uri", VsaFixture.RESOURCE);
        assertOneLineFailure(noSigner, 2, "--public-key-path");
        Path notJson = Files.writeString(dir.resolve("garbage.json"), "not json");
        assertThat(verify(notJson).exitCode()).isEqualTo(1);
    }

    @Test
    void slsaVerifiersGkeVsaIsTrusted() {
        Path vsa = SlsaVerifierVectors.resolve("vsa/gce/v1/gke-gce-pre.bcid-vsa.jsonl");
        Path key = SlsaVerifierVectors.resolve("vsa/gce/v1/vsa_signing_public_key.pem");
        List<String> args = List.of("verify-vsa", "--attestation-path", vsa.toString(), "--subject-digest", "gce_image_id:8970095005306000053",
                "--verifier-id", "https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1",
                "--resource-uri", "gce_image://gke-node-images:gke-12615-gke1418000-cos-101-17162-463-29-c-cgpv1-pre",
                "--verified-level", "BCID_L1", "--verified-level", "SLSA_BUILD_LEVEL_2", "--public-key-path", key.toString());
        List<String> withId = new ArrayList<>(args);
        withId.addAll(List.of("--public-key-id", "keystore://76574:prod:vsa_signing_public_key"));
        CliRun ok = CliRun.of(withId.toArray(String[]::new));
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertOneLineFailure(CliRun.of(args.toArray(String[]::new)), 1, "signature:");
        List<String> wrongId = new ArrayList<>(args);
        wrongId.addAll(List.of("--public-key-id", "my_key_id"));
        assertOneLineFailure(CliRun.of(wrongId.toArray(String[]::new)), 1, "signature:");
    }
}
