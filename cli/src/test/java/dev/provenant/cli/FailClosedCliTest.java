package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged, malformed or unusual evidence end to end through the CLI: each ends with exit 1 and a one-line
 * error naming the check that did not hold (or, for the P-384 digest case, verifies), never a crash.
 */
class FailClosedCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    /** The conformance suite's cases; skips the calling test when the suite was not given. */
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }
    static final String IDENTITY = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
            + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String REPOSITORY = "sigstore-conformance/extremely-dangerous-public-oidc-beacon";
    static final String TYPE = "https://example.com/test/v1";

    @TempDir
    Path dir;

    Path artifact;
    String key;
    String pub;

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact content");
        key = KEYS.resolve("ec-p256-sec1.pem").toString();
        pub = KEYS.resolve("ec-p256.pub").toString();
    }

    /** Exit 1, one line on stderr naming the check, and the same check in the --json answer. */
    private static void assertRefused(String check, String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant: verification failed: ");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        String[] withJson = Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        CliRun json = CliRun.of(withJson);
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode answer = JsonCodec.readTree(json.out().trim().getBytes(StandardCharsets.UTF_8), "output");
        assertThat(answer.path("check").asText()).as(json.out()).isEqualTo(check);
    }

    private Path write(String name, byte[] json) throws Exception {
        return Files.write(dir.resolve(name), json);
    }

    private Path editedCase(String caseName, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(cases().resolve(caseName).resolve("bundle.sigstore.json")),
                "bundle");
        edit.accept(tree);
        return write(caseName + ".edited.json", JsonCodec.write(tree));
    }

    private Path attestation(String payload) throws Exception {
        BundleSigner signer = new BundleSigner(new FileKeyProvider().open(key, new SecretSource(Map.of(), "X", null)),
                new ArtifactDigester());
        Bundle bundle = signer.attest(Statement.PAYLOAD_TYPE, payload.getBytes(StandardCharsets.UTF_8));
        return write("att.json", bundle.toJson());
    }

    private String statement(String subjectDigest, String predicateMembers) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\",\"digest\":{\"sha256\":\""
                + subjectDigest + "\"}}]," + predicateMembers + "}";
    }

    private String sha256() throws Exception {
        return new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256).hex();
    }

    @Test
    void anAttestationCommandRefusesAMessageSignatureInTheLibrary() throws Exception {
        String bundle = dir.resolve("plain.json").toString();
        assertThat(CliRun.of("sign", "--key", key, "--bundle", bundle, artifact.toString()).exitCode()).isZero();
        assertRefused("statement", "verify-attestation", "--key", pub, "--bundle", bundle, artifact.toString());
        assertRefused("predicate-type", "verify-attestation", "--key", pub, "--bundle", bundle, "--type", TYPE, artifact.toString());
        assertRefused("statement", "verify-provenance", "--key", pub, "--bundle", bundle, "--source-uri", "github.com/acme/app",
                artifact.toString());
        assertRefused("statement", "verify-vsa", "--public-key-path", pub, "--attestation-path", bundle, "--subject-digest",
                "sha256:" + sha256(), "--verifier-id", "https://verifier.example", "--resource-uri", "app.jar");
    }

    @Test
    void aP384BundleVerifiesByItsSha384Digest() throws Exception {
        String bundle = dir.resolve("p384.json").toString();
        CliRun sign = CliRun.of("sign", "--key", KEYS.resolve("ec-p384-sec1.pem").toString(), "--bundle", bundle, artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        String p384 = KEYS.resolve("ec-p384.pub").toString();
        String sha384 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA384).hex();
        CliRun ok = CliRun.of("verify", "--key", p384, "--bundle", bundle, "sha384:" + sha384);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Verified OK");
        String sha512 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA512).hex();
        assertRefused("artifact-digest", "verify", "--key", p384, "--bundle", bundle, "sha512:" + sha512);
        assertRefused("artifact-digest", "verify", "--key", p384, "--bundle", bundle, "sha384:" + "ab".repeat(48));
    }

    @Test
    void aHugeIntegratedTimeIsAMalformedBundle() throws Exception {
        String keyFile = cases().resolve("managed-key-happy-path/key.pub").toString();
        for (String time : new String[] {"9000000000000000000", "253402300800"}) {
            Path bundle = editedCase("managed-key-happy-path",
                    b -> ((ObjectNode) b.at("/verificationMaterial/tlogEntries/0")).put("integratedTime", time));
            assertRefused("bundle-format", "verify", "--key", keyFile, "--bundle", bundle.toString(), cases().resolve("a.txt").toString());
        }
    }

    @Test
    void malformedDigestsAreMalformedEvidenceNotUsageErrors() throws Exception {
        for (String digest : new String[] {"ab", sha256() + "0"}) {
            Path bundle = attestation(statement(digest, "\"predicateType\":\"" + TYPE + "\",\"predicate\":{}"));
            assertRefused("statement", "verify-attestation", "--key", pub, "--bundle", bundle.toString(), artifact.toString());
        }
        String plain = dir.resolve("plain.json").toString();
        assertThat(CliRun.of("sign", "--key", key, "--bundle", plain, artifact.toString()).exitCode()).isZero();
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(Path.of(plain)), "bundle");
        ((ObjectNode) tree.at("/messageSignature/messageDigest")).put("digest", Base64Text.encode(new byte[31]));
        Path shortDigest = write("short.json", JsonCodec.write(tree));
        assertRefused("bundle-format", "verify", "--key", pub, "--bundle", shortDigest.toString(), artifact.toString());
    }

    @Test
    void aStatementNamingAMemberTwiceIsRefused() throws Exception {
        Path bundle = attestation(statement(sha256(), "\"predicateType\":\"https://example.com/other/v1\",\"predicateType\":\"" + TYPE
                + "\",\"predicate\":{}"));
        assertRefused("statement", "verify-attestation", "--key", pub, "--bundle", bundle.toString(), "--type", TYPE,
                artifact.toString());
    }

    @Test
    void bytesAfterTheCertificateAreRefused() throws Exception {
        Path bundle = editedCase("rekor2-happy-path", b -> {
            ObjectNode cert = (ObjectNode) b.at("/verificationMaterial/certificate");
            byte[] der = Base64Text.decode("c", cert.get("rawBytes").asText());
            cert.put("rawBytes", Base64Text.encode(Arrays.copyOf(der, der.length + 1)));
        });
        assertRefused("certificate-chain", "verify", "--bundle", bundle.toString(), "--certificate-identity", IDENTITY,
                "--certificate-oidc-issuer", ISSUER, "--trusted-root", cases().resolve("rekor2-happy-path/trusted_root.json").toString(),
                cases().resolve("a.txt").toString());
    }

    @Test
    void repeatedLogEntriesAndTimestampsAreRefused() throws Exception {
        String keyFile = cases().resolve("managed-key-happy-path/key.pub").toString();
        Path entries = editedCase("managed-key-happy-path", b -> {
            ArrayNode list = (ArrayNode) b.at("/verificationMaterial/tlogEntries");
            list.add(list.get(0).deepCopy());
        });
        assertRefused("bundle-format", "verify", "--key", keyFile, "--bundle", entries.toString(), cases().resolve("a.txt").toString());
        Path stamps = editedCase("managed-key-happy-path", b -> {
            ArrayNode list = (ArrayNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
            list.add(list.get(0).deepCopy());
        });
        assertRefused("bundle-format", "verify", "--key", keyFile, "--bundle", stamps.toString(), cases().resolve("a.txt").toString());
        // the same token again, bare instead of inside its TimeStampResp
        Path reencoded = editedCase("managed-key-happy-path", b -> {
            ArrayNode list = (ArrayNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
            try {
                byte[] response = Base64Text.decode("t", list.get(0).get("signedTimestamp").asText());
                list.addObject().put("signedTimestamp",
                        Base64Text.encode(new org.bouncycastle.tsp.TimeStampResponse(response).getTimeStampToken().getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertRefused("timestamp", "verify", "--key", keyFile, "--bundle", reencoded.toString(), cases().resolve("a.txt").toString());
    }

    @Test
    void theWorkflowRepositoryIsComparedWithItsHost() throws Exception {
        String bundle = cases().resolve("happy-path-v0.3/bundle.sigstore.json").toString();
        String a = cases().resolve("a.txt").toString();
        CliRun full = CliRun.of("verify", "--bundle", bundle, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER,
                "--certificate-github-workflow-repository", "https://github.com/" + REPOSITORY, a);
        assertThat(full.exitCode()).as(full.err()).isZero();
        CliRun bare = CliRun.of("verify", "--bundle", bundle, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER,
                "--certificate-github-workflow-repository", REPOSITORY, a);
        assertThat(bare.exitCode()).as(bare.err()).isZero();
        assertRefused("identity", "verify", "--bundle", bundle, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER,
                "--certificate-github-workflow-repository", "https://gitlab.example/" + REPOSITORY, a);
        CliRun malformed = CliRun.of("verify", "--bundle", bundle, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer",
                ISSUER, "--certificate-github-workflow-repository", "acme", a);
        assertThat(malformed.exitCode()).as(malformed.err()).isEqualTo(2);
        assertThat(malformed.err().strip()).doesNotContain("\n").contains("OWNER/REPO");
    }
}
