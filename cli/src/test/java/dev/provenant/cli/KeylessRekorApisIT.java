package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyless {@code attest} and {@code provenance} on the packaged CLI against the embedded stack started
 * with each {@code --rekor} (one stack per configuration): a Rekor v1 log only (the public-good
 * instance's shape), a Rekor v2 log only, and both. With v1 only the envelope is logged as a Rekor v1
 * {@code dsse 0.0.1} entry with its inclusion proof, checkpoint and signed entry timestamp; with a v2
 * log (alone, or the higher version of the two) as a Rekor v2 entry with an RFC 3161 timestamp. Both
 * bundles verify with {@code provenant verify-attestation} / {@code verify-provenance} and with
 * sigstore-js for the stack's identity; a wrong identity and a tampered statement fail with both, and
 * an artifact that is not the subject fails with Provenant (sigstore-js checks a DSSE bundle's
 * signature, never the artifact against the statement's subjects). With both logs, Provenant's shipped
 * public-good signing config pointed at the stack's services on loopback logs the envelope in Rekor v1.
 */
class KeylessRekorApisIT {
    private static final String IDENTITY = "release@example.test";
    private static final String WRONG_IDENTITY = "someone-else@example.test";
    private static final String PREDICATE_TYPE = "https://example.com/test-result/v1";
    /** A GitHub Actions release job, so the provenance names a source to expect. */
    private static final Map<String, String> GITHUB_JOB = Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/app",
            "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REF", "refs/tags/v1.0.0",
            "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
            "GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@refs/tags/v1.0.0");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--rekor {0}")
    @ValueSource(strings = {"v1", "v2", "both"})
    void keylessAttestationAndProvenanceVerifyWithBothAndForgeriesFailWithBoth(String rekor) throws Exception {
        long started = System.nanoTime();
        try (LocalStackProcess stack = LocalStackProcess.start(dir.resolve("stack"), IDENTITY, rekor)) {
            Path artifact = Files.writeString(dir.resolve("lib.jar"), "keyless artifact, Rekor " + rekor + "\n");
            Path predicate = Files.writeString(dir.resolve("results.json"), "{\"passed\": 12, \"failed\": 0}");
            Path attestation = dir.resolve("lib.jar.intoto.sigstore.json");
            PackagedCli attest = provenant(env(stack, Map.of()), args(List.of("attest", "--type", PREDICATE_TYPE, "--predicate",
                    predicate.toString(), "--bundle", attestation.toString()), stack.keylessFlags(), List.of(artifact.toString())));
            assertThat(attest.exitCode()).as(attest.output()).isZero();
            Path provenance = dir.resolve("lib.provenance.sigstore.json");
            PackagedCli signed = provenant(env(stack, GITHUB_JOB), args(List.of("provenance", "--output", provenance.toString()),
                    stack.keylessFlags(), List.of(artifact.toString())));
            assertThat(signed.exitCode()).as(signed.output()).isZero();

            for (Path bundle : List.of(attestation, provenance)) {
                JsonNode tree = JsonCodec.readTree(Files.readAllBytes(bundle), "bundle");
                if (rekor.equals("v1")) {
                    assertRekorV1DsseEntry(tree);
                } else {
                    assertRekorV2EntryWithTimestamp(tree);
                }
            }

            // the signing config Provenant ships for the public-good instance, every URL pointed at this stack
            Path publicGoodShape = null;
            if (rekor.equals("both")) {
                publicGoodShape = dir.resolve("lib.jar.public-good-shape.sigstore.json");
                PackagedCli shaped = provenant(env(stack, Map.of()), args(List.of("attest", "--type", PREDICATE_TYPE, "--predicate",
                        predicate.toString(), "--bundle", publicGoodShape.toString()),
                        stack.keylessFlags(publicGoodConfigOnLoopback(stack, dir.resolve("public-good-shape.json"))),
                        List.of(artifact.toString())));
                assertThat(shaped.exitCode()).as(shaped.output()).isZero();
                assertRekorV1DsseEntry(JsonCodec.readTree(Files.readAllBytes(publicGoodShape), "bundle"));
                PackagedCli shapedOk = verify(stack, "verify-attestation", publicGoodShape, IDENTITY, artifact);
                assertThat(shapedOk.exitCode()).as(shapedOk.output()).isZero();
            }

            Path tamperedArtifact = Files.writeString(dir.resolve("tampered.jar"), "keyless artifact, changed\n");
            Path tamperedStatement = withSubjectDigest(attestation, sha256(tamperedArtifact), dir.resolve("tampered.sigstore.json"));
            Path tamperedProvenance = withSubjectDigest(provenance, sha256(tamperedArtifact),
                    dir.resolve("tampered.provenance.sigstore.json"));

            // Provenant, as a user runs it
            PackagedCli ok = verify(stack, "verify-attestation", attestation, IDENTITY, artifact);
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("Verified OK", "signed by   " + IDENTITY);
            PackagedCli okProvenance = verify(stack, "verify-provenance", provenance, IDENTITY, artifact, "--source-uri",
                    "github.com/acme/app", "--source-tag", "v1.0.0");
            assertThat(okProvenance.exitCode()).as(okProvenance.output()).isZero();
            assertThat(okProvenance.output()).contains("Verified OK", "source      https://github.com/acme/app");
            PackagedCli wrong = verify(stack, "verify-provenance", provenance, WRONG_IDENTITY, artifact, "--source-uri",
                    "github.com/acme/app");
            assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(1);
            assertThat(wrong.output()).contains("certificate identity");
            PackagedCli wrongAttestation = verify(stack, "verify-attestation", attestation, WRONG_IDENTITY, artifact);
            assertThat(wrongAttestation.exitCode()).as(wrongAttestation.output()).isEqualTo(1);
            assertThat(wrongAttestation.output()).contains("certificate identity");
            PackagedCli notSubject = verify(stack, "verify-attestation", attestation, IDENTITY, tamperedArtifact);
            assertThat(notSubject.exitCode()).as(notSubject.output()).isEqualTo(1);
            assertThat(notSubject.output()).contains("statement subject digest", "is not a subject of the statement");
            PackagedCli notProvenanceSubject = verify(stack, "verify-provenance", provenance, IDENTITY, tamperedArtifact,
                    "--source-uri", "github.com/acme/app");
            assertThat(notProvenanceSubject.exitCode()).as(notProvenanceSubject.output()).isEqualTo(1);
            assertThat(notProvenanceSubject.output()).contains("statement subject digest", "is not a subject of the statement");
            PackagedCli forged = verify(stack, "verify-attestation", tamperedStatement, IDENTITY, tamperedArtifact);
            assertThat(forged.exitCode()).as(forged.output()).isEqualTo(1);
            assertThat(forged.output()).contains("signature: the DSSE signature does not verify");

            // sigstore-js, in one process
            List<ObjectNode> requests = new ArrayList<>(List.of(
                    request(stack, attestation, IDENTITY, artifact),
                    request(stack, provenance, IDENTITY, artifact),
                    request(stack, attestation, WRONG_IDENTITY, artifact),
                    request(stack, provenance, WRONG_IDENTITY, artifact),
                    request(stack, tamperedStatement, IDENTITY, tamperedArtifact),
                    request(stack, tamperedProvenance, IDENTITY, tamperedArtifact)));
            if (publicGoodShape != null) {
                requests.add(request(stack, publicGoodShape, IDENTITY, artifact));
            }
            List<SigstoreJsPeer.Answer> js = SigstoreJsPeer.batch(requests, dir, 120);
            if (publicGoodShape != null) {
                assertThat(js.get(6).ok()).as("sigstore-js, through the public-good signing config's shape: " + js.get(6)).isTrue();
            }
            assertThat(js.get(0).ok()).as("sigstore-js, attestation: " + js.get(0)).isTrue();
            assertThat(js.get(1).ok()).as("sigstore-js, provenance: " + js.get(1)).isTrue();
            for (int i : new int[] {2, 3}) {
                assertThat(js.get(i).ok()).as("sigstore-js, a wrong identity: " + js.get(i)).isFalse();
                assertThat(js.get(i).code()).as("sigstore-js, a wrong identity: " + js.get(i)).isEqualTo("UNTRUSTED_SIGNER_ERROR");
            }
            // sigstore-js compares the envelope with the log entry before it checks the signature
            for (int i : new int[] {4, 5}) {
                assertThat(js.get(i).ok()).as("sigstore-js, tampered statement: " + js.get(i)).isFalse();
                assertThat(js.get(i).code()).as("sigstore-js, tampered statement: " + js.get(i)).isIn("TLOG_BODY_ERROR", "SIGNATURE_ERROR");
            }
        } finally {
            System.err.printf("KeylessRekorApisIT --rekor %s: %d ms%n", rekor, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** A Rekor v1 {@code dsse 0.0.1} entry as Rekor returns it: an inclusion proof with a checkpoint, and an SET. */
    static void assertRekorV1DsseEntry(JsonNode bundle) {
        JsonNode entries = bundle.at("/verificationMaterial/tlogEntries");
        assertThat(entries.size()).as("one log entry: " + entries).isEqualTo(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.at("/kindVersion/kind").asText()).isEqualTo("dsse");
        assertThat(entry.at("/kindVersion/version").asText()).isEqualTo("0.0.1");
        JsonNode body = JsonCodec.mapper().createObjectNode();
        try {
            body = JsonCodec.mapper().readTree(Base64.getDecoder().decode(entry.path("canonicalizedBody").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("the entry's body is not JSON", e);
        }
        assertThat(body.path("kind").asText()).isEqualTo("dsse");
        assertThat(body.path("apiVersion").asText()).isEqualTo("0.0.1");
        assertThat(entry.at("/inclusionPromise/signedEntryTimestamp").asText()).as("SET").isNotEmpty();
        assertThat(entry.path("integratedTime").asLong()).isPositive();
        assertThat(entry.at("/inclusionProof/checkpoint/envelope").asText()).as("checkpoint").contains("\n\u2014 ");
        assertThat(entry.at("/inclusionProof/rootHash").asText()).isNotEmpty();
        assertThat(entry.at("/inclusionProof/treeSize").asLong()).isPositive();
    }

    /** A Rekor v2 entry (inclusion proof and checkpoint, no SET, no integrated time) and an RFC 3161 timestamp. */
    static void assertRekorV2EntryWithTimestamp(JsonNode bundle) {
        JsonNode entries = bundle.at("/verificationMaterial/tlogEntries");
        assertThat(entries.size()).as("one log entry: " + entries).isEqualTo(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.at("/kindVersion/kind").asText()).isEqualTo("dsse");
        assertThat(entry.at("/kindVersion/version").asText()).isEqualTo("0.0.2");
        assertThat(entry.has("inclusionPromise")).as("Rekor v2 gives no SET").isFalse();
        assertThat(entry.at("/inclusionProof/checkpoint/envelope").asText()).as("checkpoint").contains("\n\u2014 ");
        JsonNode timestamps = bundle.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
        assertThat(timestamps.size()).as("RFC 3161 timestamps").isEqualTo(1);
        assertThat(timestamps.get(0).path("signedTimestamp").asText()).isNotEmpty();
    }

    /**
     * Provenant's shipped public-good signing config (one Fulcio, one OIDC issuer, a Rekor v1 log, one TSA,
     * their validity windows and selectors) with each service's URL replaced by this stack's.
     */
    private static Path publicGoodConfigOnLoopback(LocalStackProcess stack, Path out) throws Exception {
        JsonNode own = JsonCodec.readTree(Files.readAllBytes(stack.signingConfig), "signing config");
        ObjectNode shape;
        try (var in = KeylessRekorApisIT.class.getResourceAsStream("/dev/provenant/signer/keyless/public_good_signing_config.v0.2.json")) {
            assertThat(in).as("the shipped public-good signing config").isNotNull();
            shape = (ObjectNode) JsonCodec.mapper().readTree(in);
        }
        for (String services : List.of("caUrls", "oidcUrls", "rekorTlogUrls", "tsaUrls")) {
            assertThat(shape.get(services).size()).as(services + " of the public-good signing config").isEqualTo(1);
            ObjectNode service = (ObjectNode) shape.get(services).get(0);
            String url = null;
            for (JsonNode candidate : own.get(services)) {
                if (candidate.path("majorApiVersion").asInt() == service.path("majorApiVersion").asInt()) {
                    url = candidate.get("url").asText();
                }
            }
            assertThat(url).as("the stack's " + services + " of version " + service.path("majorApiVersion")).isNotNull();
            assertThat(url).matches("https?://127\\.0\\.0\\.1:[0-9]+(/.*)?");
            service.put("url", url);
        }
        return Files.write(out, JsonCodec.write(shape));
    }

    /** The same bundle with its statement's subject digest replaced, and the signature left as it was. */
    private static Path withSubjectDigest(Path bundle, String sha256, Path out) throws Exception {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(bundle), "bundle");
        ObjectNode envelope = (ObjectNode) tree.get("dsseEnvelope");
        ObjectNode statement = (ObjectNode) JsonCodec.mapper().readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
        ((ObjectNode) statement.at("/subject/0/digest")).put("sha256", sha256);
        envelope.put("payload", Base64.getEncoder().encodeToString(JsonCodec.write(statement)));
        return Files.write(out, JsonCodec.write(tree));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A CI job with no ambient token of its own, so the stack's token file is what signs. */
    private static Map<String, String> env(LocalStackProcess stack, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(stack.signingEnv());
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", null);
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", null);
        env.put("SIGSTORE_ID_TOKEN", null);
        env.put("CI", "true");
        env.putAll(more);
        return env;
    }

    @SafeVarargs
    private static List<String> args(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static PackagedCli provenant(Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(args);
        return PackagedCli.run(180, env, command);
    }

    private static PackagedCli verify(LocalStackProcess stack, String command, Path bundle, String identity, Path artifact,
            String... expectations) throws Exception {
        return provenant(Map.of(), args(List.of(command, "--bundle", bundle.toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", stack.issuer, "--trusted-root", stack.trustedRoot.toString()), List.of(expectations),
                List.of(artifact.toString())));
    }

    private static ObjectNode request(LocalStackProcess stack, Path bundle, String identity, Path artifact) {
        ObjectNode request = JsonCodec.mapper().createObjectNode();
        request.put("bundle", bundle.toString());
        request.put("artifact", artifact.toString());
        request.put("trustedRoot", stack.trustedRoot.toString());
        request.put("identity", identity);
        request.put("issuer", stack.issuer);
        return request;
    }
}
