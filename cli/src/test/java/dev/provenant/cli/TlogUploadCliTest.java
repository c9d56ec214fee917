package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign} and {@code attest} with a key and {@code --tlog-upload}: the bundle is logged in the Rekor v1
 * log of the embedded stack's signing config (hashedrekord for an artifact, dsse for a statement) and
 * verifies with {@code --require-tlog} against the stack's trusted root; a tampered artifact, or an entry
 * taken from another bundle, does not. A log that is down or fails is exit 3 naming it, with no bundle written.
 */
class TlogUploadCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String KEY = KEYS.resolve("ec-p256-sec1-encrypted.pem").toString();
    static final String PASSPHRASE = KEYS.resolve("passphrase.txt").toString();
    static final String PUB = KEYS.resolve("ec-p256.pub").toString();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        // Rekor v1 only, the public-good instance's shape
        stack = LocalSigstore.start(shared.resolve("stack"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V1);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    Path artifact(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "artifact " + name + " " + System.nanoTime());
    }

    static CliRun sign(Path artifact, Path config, Path bundle) {
        return CliRun.of("sign", "--key", KEY, "--password-file", PASSPHRASE, "--tlog-upload", "--signing-config", config.toString(),
                "--bundle", bundle.toString(), artifact.toString());
    }

    static CliRun verify(Path artifact, Path bundle) {
        return CliRun.of("verify", "--key", PUB, "--trusted-root", stack.trustedRoot().toString(), "--require-tlog",
                "--bundle", bundle.toString(), artifact.toString());
    }

    static JsonNode entry(Path bundle) throws Exception {
        JsonNode entries = JsonCodec.mapper().readTree(bundle.toFile()).path("verificationMaterial").path("tlogEntries");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    static void assertEntry(JsonNode entry, String kind) {
        assertThat(entry.path("kindVersion").path("kind").asText()).isEqualTo(kind);
        assertThat(entry.path("kindVersion").path("version").asText()).isEqualTo("0.0.1");
        assertThat(entry.path("logIndex").isTextual()).as("logIndex is a string (int64 in proto JSON)").isTrue();
        assertThat(entry.path("inclusionPromise").path("signedEntryTimestamp").asText()).isNotEmpty();
        assertThat(entry.path("inclusionProof").path("checkpoint").path("envelope").asText()).contains("\n\u2014 ");
        assertThat(entry.path("inclusionProof").path("rootHash").asText()).isNotEmpty();
        assertThat(entry.path("logId").path("keyId").asText()).isNotEmpty();
        JsonNode body = readJson(java.util.Base64.getDecoder().decode(entry.path("canonicalizedBody").asText()));
        assertThat(body.path("kind").asText()).isEqualTo(kind);
    }

    static JsonNode readJson(byte[] bytes) {
        try {
            return JsonCodec.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void signLogsAHashedRekordEntryThatVerifiesWithRequireTlog() throws Exception {
        Path artifact = artifact("app.jar");
        Path bundle = dir.resolve("app.sigstore.json");
        CliRun sign = sign(artifact, stack.signingConfig(), bundle);
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("Bundle: " + bundle).contains("Logged: hashedrekord 0.0.1 entry, log index ");
        assertThat(sign.out() + sign.err()).doesNotContain(Files.readString(Path.of(PASSPHRASE)).strip());
        assertEntry(entry(bundle), "hashedrekord");
        CliRun verify = verify(artifact, bundle);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("inclusion proof + checkpoint verified, SET verified");

        // the same artifact signed without --tlog-upload has no entry: --require-tlog refuses it
        Path plain = dir.resolve("plain.sigstore.json");
        assertThat(CliRun.of("sign", "--key", KEY, "--password-file", PASSPHRASE, "--bundle", plain.toString(), artifact.toString())
                .exitCode()).isZero();
        CliRun unlogged = verify(artifact, plain);
        assertThat(unlogged.exitCode()).isEqualTo(1);
        assertThat(unlogged.err()).contains("the bundle has no transparency log entry");
    }

    @Test
    void attestLogsADsseEntryThatVerifiesWithRequireTlog() throws Exception {
        Path artifact = artifact("lib.jar");
        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\": \"pass\"}");
        Path bundle = dir.resolve("lib.intoto.sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", KEY, "--password-file", PASSPHRASE, "--tlog-upload", "--signing-config",
                stack.signingConfig().toString(), "--type", "https://example.com/test-result/v1", "--predicate", predicate.toString(),
                "--bundle", bundle.toString(), "--json", artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        assertThat(JsonCodec.mapper().readTree(attest.out()).path("tlogEntries").get(0).path("kind").asText()).isEqualTo("dsse");
        assertEntry(entry(bundle), "dsse");
        CliRun verify = CliRun.of("verify-attestation", "--key", PUB, "--trusted-root", stack.trustedRoot().toString(),
                "--require-tlog", "--bundle", bundle.toString(), artifact.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        // the entry logs this envelope: another statement signed by the same key does not match it
        Path other = dir.resolve("other.intoto.sigstore.json");
        assertThat(CliRun.of("attest", "--key", KEY, "--password-file", PASSPHRASE, "--tlog-upload", "--signing-config",
                stack.signingConfig().toString(), "--type", "https://example.com/test-result/v1", "--predicate", predicate.toString(),
                "--bundle", other.toString(), artifact.toString(), predicate.toString()).exitCode()).isZero();
        Path swapped = withEntryOf(bundle, other, false);
        CliRun refused = CliRun.of("verify-attestation", "--key", PUB, "--trusted-root", stack.trustedRoot().toString(),
                "--require-tlog", "--bundle", swapped.toString(), artifact.toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("transparency log entry body").contains("payload hash");
    }

    @Test
    void aTamperedArtifactIsRefused() throws Exception {
        Path artifact = artifact("app.jar");
        Path bundle = dir.resolve("app.sigstore.json");
        assertThat(sign(artifact, stack.signingConfig(), bundle).exitCode()).isZero();
        Files.writeString(artifact, "tampered", java.nio.file.StandardOpenOption.APPEND);
        CliRun run = verify(artifact, bundle);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("artifact digest");
    }

    @Test
    void anEntryOrBodyTakenFromAnotherBundleIsRefused() throws Exception {
        Path a = artifact("a.jar");
        Path b = artifact("b.jar");
        Path bundleA = dir.resolve("a.sigstore.json");
        Path bundleB = dir.resolve("b.sigstore.json");
        assertThat(sign(a, stack.signingConfig(), bundleA).exitCode()).isZero();
        assertThat(sign(b, stack.signingConfig(), bundleB).exitCode()).isZero();
        assertThat(verify(a, bundleA).exitCode()).isZero();
        // B's whole entry (its body, proof and promise all hold, for B's signature) in A's bundle
        CliRun wholeEntry = verify(a, withEntryOf(bundleA, bundleB, false));
        assertThat(wholeEntry.exitCode()).as(wholeEntry.out() + wholeEntry.err()).isEqualTo(1);
        assertThat(wholeEntry.err()).contains("transparency log entry body").contains("artifact digest");
        // only B's body in A's entry
        CliRun bodyOnly = verify(a, withEntryOf(bundleA, bundleB, true));
        assertThat(bodyOnly.exitCode()).as(bodyOnly.out() + bodyOnly.err()).isEqualTo(1);
        assertThat(bodyOnly.err()).contains("transparency log entry body");
    }

    @Test
    void anotherEntrysBodyAndSignatureUnderThisEntrysProofIsRefused() throws Exception {
        // A signed twice: two entries for the same digest, with different (randomised ECDSA) signatures
        Path a = artifact("a.jar");
        Path first = dir.resolve("first.sigstore.json");
        Path second = dir.resolve("second.sigstore.json");
        assertThat(sign(a, stack.signingConfig(), first).exitCode()).isZero();
        assertThat(sign(a, stack.signingConfig(), second).exitCode()).isZero();
        // the second's body and signature under the first's log index, promise and proof: the body matches
        // the bundle and the signature holds, but neither the promise nor the proof is for that body
        ObjectNode t = (ObjectNode) JsonCodec.mapper().readTree(first.toFile());
        JsonNode s = JsonCodec.mapper().readTree(second.toFile());
        ((ObjectNode) t.path("verificationMaterial").path("tlogEntries").get(0))
                .put("canonicalizedBody", entry(second).path("canonicalizedBody").asText());
        t.set("messageSignature", s.path("messageSignature"));
        Path swapped = Files.write(dir.resolve("swapped.sigstore.json"), JsonCodec.mapper().writeValueAsBytes(t));
        CliRun run = verify(a, swapped);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).containsAnyOf("signed entry timestamp", "inclusion proof");
        // each of the two, as signed, verifies
        assertThat(verify(a, first).exitCode()).isZero();
        assertThat(verify(a, second).exitCode()).isZero();
    }

    /** {@code target} with its tlog entry (or only the entry's canonicalizedBody) replaced by {@code source}'s. */
    Path withEntryOf(Path target, Path source, boolean bodyOnly) throws Exception {
        ObjectNode t = (ObjectNode) JsonCodec.mapper().readTree(target.toFile());
        JsonNode s = entry(source);
        ArrayNode entries = (ArrayNode) t.path("verificationMaterial").path("tlogEntries");
        if (bodyOnly) {
            ((ObjectNode) entries.get(0)).put("canonicalizedBody", s.path("canonicalizedBody").asText());
        } else {
            entries.set(0, s);
        }
        Path out = dir.resolve("swapped-" + (bodyOnly ? "body-" : "entry-") + target.getFileName());
        Files.write(out, JsonCodec.mapper().writeValueAsBytes(t));
        return out;
    }

    static Path config(Path dir, String url) throws Exception {
        return Files.writeString(dir.resolve("signing_config.json"), "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
                + "\"caUrls\": [], \"oidcUrls\": [], \"tsaUrls\": [],"
                + "\"rekorTlogUrls\": [{\"url\": \"" + url + "\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2020-01-01T00:00:00Z\"}}],"
                + "\"rekorTlogConfig\": {\"selector\": \"ANY\"}, \"tsaConfig\": {\"selector\": \"ANY\"}}");
    }

    @Test
    void aRekorThatIsDownIsAServiceFailureNamingItAndNoBundleIsWritten() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Path artifact = artifact("app.jar");
        Path bundle = dir.resolve("app.sigstore.json");
        CliRun run = sign(artifact, config(dir, url), bundle);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("provenant: transparency log: cannot log the hashedrekord entry in Rekor at " + url)
                .hasLineCount(1);
        assertThat(bundle).doesNotExist();
    }

    @Test
    void aRekorThatAnswers500IsAServiceFailureNamingItAndNoBundleIsWritten() throws Exception {
        try (FailingRekorDouble failing = new FailingRekorDouble()) {
            String url = failing.url();
            Path artifact = artifact("lib.jar");
            Path predicate = Files.writeString(dir.resolve("pred.json"), "{}");
            Path bundle = dir.resolve("lib.intoto.sigstore.json");
            CliRun run = CliRun.of("attest", "--key", KEY, "--password-file", PASSPHRASE, "--tlog-upload", "--signing-config",
                    config(dir, url).toString(), "--type", "https://example.com/t/v1", "--predicate", predicate.toString(),
                    "--bundle", bundle.toString(), artifact.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(failing.proposals()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("provenant: transparency log: Rekor at " + url
                    + " refused the dsse entry: HTTP 500 (" + FailingRekorDouble.MESSAGE + ")\n");
            assertThat(bundle).doesNotExist();
        }
    }

    @Test
    void optionsThatCannotGoTogetherAreUsageErrorsBeforeAnythingIsSigned() throws Exception {
        Path artifact = artifact("app.jar");
        CliRun keyless = CliRun.of("sign", "--keyless", "--tlog-upload", artifact.toString());
        assertThat(keyless.exitCode()).isEqualTo(2);
        assertThat(keyless.err()).contains("--tlog-upload goes with --key");
        CliRun configAlone = CliRun.of("sign", "--key", KEY, "--password-file", PASSPHRASE, "--signing-config",
                stack.signingConfig().toString(), artifact.toString());
        assertThat(configAlone.exitCode()).isEqualTo(2);
        assertThat(configAlone.err()).contains("--signing-config also with --tlog-upload");
        // a config whose only log is Rekor v2, with no timestamp authority to date the signature, is refused before the key is used
        Path v2 = Files.writeString(dir.resolve("v2.json"), Files.readString(config(dir, "http://127.0.0.1:9"))
                .replace("\"majorApiVersion\": 1", "\"majorApiVersion\": 2"));
        CliRun v2Only = sign(artifact, v2, dir.resolve("v2.sigstore.json"));
        assertThat(v2Only.exitCode()).isEqualTo(2);
        assertThat(v2Only.err()).contains("names no timestamp authority valid now")
                .contains("its Rekor v2 log at http://127.0.0.1:9 needs one");
        CliRun missing = sign(artifact, dir.resolve("missing.json"), dir.resolve("missing.sigstore.json"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").contains("missing.json");
        assertThat(dir.resolve("missing.sigstore.json")).doesNotExist();
        // Ed25519 signs the whole artifact: there is no digest for a hashedrekord entry
        CliRun ed = CliRun.of("sign", "--key", KEYS.resolve("ed25519-pkcs8.pem").toString(), "--tlog-upload", "--signing-config",
                stack.signingConfig().toString(), "--bundle", dir.resolve("ed.sigstore.json").toString(), artifact.toString());
        assertThat(ed.exitCode()).as(ed.err()).isEqualTo(2);
        assertThat(ed.err()).contains("hashedrekord entry over its digest").contains("Ed25519");
        assertThat(dir.resolve("ed.sigstore.json")).doesNotExist();
        assertThat(dir.resolve("v2.sigstore.json")).doesNotExist();
    }
}
