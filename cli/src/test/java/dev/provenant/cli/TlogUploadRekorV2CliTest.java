package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tlog-upload} against a signing config whose log is Rekor v2 (the embedded stack with {@code --rekor v2}):
 * the signature is timestamped by the stack's TSA, then logged as a {@code hashedrekord}/{@code dsse} 0.0.2 entry,
 * and the bundle verifies with {@code --require-tlog}. Without its timestamp the v2 entry dates nothing and the
 * bundle is refused; a tampered artifact is refused.
 */
class TlogUploadRekorV2CliTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(shared.resolve("stack"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V2);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static JsonNode read(Path bundle) throws Exception {
        return JsonCodec.mapper().readTree(bundle.toFile());
    }

    static void assertV2(Path bundle, String kind) throws Exception {
        JsonNode material = read(bundle).path("verificationMaterial");
        assertThat(material.path("tlogEntries")).hasSize(1);
        JsonNode entry = material.path("tlogEntries").get(0);
        assertThat(entry.path("kindVersion").path("kind").asText()).isEqualTo(kind);
        assertThat(entry.path("kindVersion").path("version").asText()).isEqualTo("0.0.2");
        assertThat(entry.has("inclusionPromise")).isFalse();
        assertThat(entry.path("inclusionProof").path("checkpoint").path("envelope").asText()).isNotEmpty();
        assertThat(material.path("timestampVerificationData").path("rfc3161Timestamps")).hasSize(1);
        assertThat(material.has("publicKey")).isTrue();
    }

    static CliRun verify(String command, Path bundle, Path artifact) {
        return CliRun.of(command, "--key", TlogUploadCliTest.PUB, "--trusted-root", stack.trustedRoot().toString(), "--require-tlog",
                "--bundle", bundle.toString(), artifact.toString());
    }

    @Test
    void signAndAttestAreTimestampedAndLoggedInRekorV2AndVerify() throws Exception {
        Path artifact = Files.writeString(dir.resolve("app.jar"), "artifact for rekor v2 " + System.nanoTime());
        Path signed = dir.resolve("app.sigstore.json");
        CliRun sign = CliRun.of("sign", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--bundle", signed.toString(), artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("Logged: hashedrekord 0.0.2 entry");
        assertV2(signed, "hashedrekord");
        CliRun verify = verify("verify", signed, artifact);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("inclusion proof + checkpoint verified");

        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\": \"pass\"}");
        Path attested = dir.resolve("app.intoto.sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--type", "https://example.com/test-result/v1",
                "--predicate", predicate.toString(), "--bundle", attested.toString(), artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        assertV2(attested, "dsse");
        CliRun verifyAttestation = verify("verify-attestation", attested, artifact);
        assertThat(verifyAttestation.exitCode()).as(verifyAttestation.out() + verifyAttestation.err()).isZero();

        // without the timestamp the v2 entry dates nothing
        ObjectNode stripped = (ObjectNode) read(signed);
        ((ObjectNode) stripped.path("verificationMaterial")).remove("timestampVerificationData");
        Path undated = Files.write(dir.resolve("undated.sigstore.json"), JsonCodec.mapper().writeValueAsBytes(stripped));
        CliRun refused = verify("verify", undated, artifact);
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("no RFC 3161 timestamp to date it");

        Files.writeString(artifact, "tampered", java.nio.file.StandardOpenOption.APPEND);
        CliRun tampered = verify("verify", signed, artifact);
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("artifact digest");
    }

    @Test
    void aTimestampAuthorityThatIsDownIsAServiceFailureNamingItAndNothingIsLogged() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String tsa = "http://127.0.0.1:" + port + "/api/v1/timestamp";
        ObjectNode config = (ObjectNode) JsonCodec.mapper().readTree(stack.signingConfig().toFile());
        for (JsonNode t : config.path("tsaUrls")) {
            ((ObjectNode) t).put("url", tsa);
        }
        Path down = Files.write(dir.resolve("tsa-down.json"), JsonCodec.mapper().writeValueAsBytes(config));
        Path artifact = Files.writeString(dir.resolve("app.jar"), "artifact " + System.nanoTime());
        Path bundle = dir.resolve("app.sigstore.json");
        CliRun sign = CliRun.of("sign", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                "--tlog-upload", "--signing-config", down.toString(), "--bundle", bundle.toString(), artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isEqualTo(3);
        assertThat(sign.err()).startsWith("provenant: transparency log: cannot ask the timestamp authority at " + tsa).hasLineCount(1);
        assertThat(bundle).doesNotExist();
    }
}
