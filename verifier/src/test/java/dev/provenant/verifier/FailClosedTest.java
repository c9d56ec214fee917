package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.SharedTestData;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that once got through or crashed the verifier: each must now fail with a checked exception
 * naming the check that did not hold, or, for the P-384/P-521 digest cases, verify.
 */
class FailClosedTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String TYPE = "https://example.com/predicate/v1";
    static final String IDENTITY = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
            + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String ISSUER = "https://token.actions.githubusercontent.com";

    @TempDir
    Path dir;

    Path artifact;
    Signer p256;
    BundleVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "the artifact bytes");
        p256 = signer("ec-p256-sec1.pem");
        verifier = new BundleVerifier(TrustedRoot.publicGood());
    }

    static Signer signer(String file) throws Exception {
        return BundleVerifierTest.signer(file);
    }

    private Artifact file() {
        return new Artifact.FileArtifact(artifact);
    }

    private static void assertFails(Check check, ThrowingRunnable r) {
        assertThatThrownBy(r::run).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).as(e.getMessage()).isEqualTo(check))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A conformance case's bundle with one edit to its JSON. */
    static Bundle edited(String caseName, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(
                Files.readAllBytes(SharedTestData.conformanceCase(caseName).resolve("bundle.sigstore.json")), "bundle");
        for (var entry : tree.path("verificationMaterial").path("tlogEntries")) {
            if (!entry.has("integratedTime")) {
                ((ObjectNode) entry).put("integratedTime", "0");
            }
        }
        edit.accept(tree);
        return Bundle.parse(JsonCodec.write(tree));
    }

    static byte[] editedJson(String caseName, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree(
                Files.readAllBytes(SharedTestData.conformanceCase(caseName).resolve("bundle.sigstore.json")), "bundle");
        edit.accept(tree);
        return JsonCodec.write(tree);
    }

    // --- every part of the policy is the library's to enforce -------------------------------------

    @Test
    void aPolicyWithAPredicateTypeRefusesAMessageSignature() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        assertFails(Check.PREDICATE_TYPE, () -> verifier.verify(bundle, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).withPredicateType(TYPE)));
        assertFails(Check.STATEMENT, () -> verifier.verify(bundle, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).requiringStatement()));
        // without the expectation, the same bundle verifies
        assertThat(verifier.verify(bundle, List.of(file()), VerificationPolicy.ofKey(p256.publicKey())).statement()).isEmpty();
    }

    @Test
    void aMessageSignatureOfferedForTwoArtifactsIsAVerdictNotACrash() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        Path second = Files.writeString(dir.resolve("lib.jar"), "second");
        assertFails(Check.ARTIFACT_DIGEST, () -> verifier.verify(bundle, List.of(file(), new Artifact.FileArtifact(second)),
                VerificationPolicy.ofKey(p256.publicKey())));
    }

    // --- P-384 and P-521 bundles verified by a digest ---------------------------------------------

    @Test
    void aP384BundleVerifiesAgainstItsSha384DigestAndRefusesAnotherAlgorithm() throws Exception {
        Signer p384 = signer("ec-p384-sec1.pem");
        Bundle bundle = new BundleSigner(p384, new ArtifactDigester()).signArtifact(artifact);
        Digest sha384 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA384);
        VerificationResult r = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(sha384)),
                VerificationPolicy.ofKey(p384.publicKey()));
        assertThat(r.checks()).contains(Check.ARTIFACT_DIGEST, Check.SIGNATURE);
        assertThat(r.artifacts()).containsExactly(sha384);
        // the file still verifies, reported by its SHA-256 as before
        assertThat(verifier.verify(bundle, List.of(file()), VerificationPolicy.ofKey(p384.publicKey())).artifacts())
                .containsExactly(new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256));
        for (DigestAlgorithm other : new DigestAlgorithm[] {DigestAlgorithm.SHA256, DigestAlgorithm.SHA512}) {
            Digest d = new ArtifactDigester().digest(artifact, other);
            assertFails(Check.ARTIFACT_DIGEST, () -> verifier.verify(bundle, List.of(new Artifact.DigestArtifact(d)),
                    VerificationPolicy.ofKey(p384.publicKey())));
        }
        Digest wrong = new Digest(DigestAlgorithm.SHA384, new byte[48]);
        assertFails(Check.ARTIFACT_DIGEST, () -> verifier.verify(bundle, List.of(new Artifact.DigestArtifact(wrong)),
                VerificationPolicy.ofKey(p384.publicKey())));
    }

    @Test
    void aP521BundleVerifiesAgainstItsSha512Digest() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair pair = generator.generateKeyPair();
        Signature ecdsa = Signature.getInstance("SHA512withECDSA");
        ecdsa.initSign(pair.getPrivate());
        ecdsa.update(Files.readAllBytes(artifact));
        byte[] signature = ecdsa.sign();
        Digest sha512 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA512);
        Bundle bundle = Bundle.ofMessageSignature(VerificationMaterial.ofPublicKey("p521"),
                new MessageSignature(HashOutput.of(sha512), Base64Text.encode(signature)));
        PublicKey key = PemPublicKeys.fromDer(pair.getPublic().getEncoded());

        VerificationResult r = verifier.verify(bundle, List.of(new Artifact.DigestArtifact(sha512)), VerificationPolicy.ofKey(key));
        assertThat(r.artifacts()).containsExactly(sha512);
        Digest sha384 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA384);
        assertFails(Check.ARTIFACT_DIGEST, () -> verifier.verify(bundle, List.of(new Artifact.DigestArtifact(sha384)),
                VerificationPolicy.ofKey(key)));
        // a message signature always records its digest: one without cannot even be built
        assertThatThrownBy(() -> Bundle.ofMessageSignature(bundle.verificationMaterial(),
                new MessageSignature(null, Base64Text.encode(signature)))).isInstanceOf(IllegalArgumentException.class);
    }

    // --- malformed content is a format failure, not an IllegalArgumentException --------------------

    @Test
    void anIntegratedTimeBeyondTheYear9999IsMalformed() throws Exception {
        for (String time : new String[] {"9000000000000000000", "253402300800"}) {
            assertThatThrownBy(() -> edited("managed-key-happy-path",
                    b -> ((ObjectNode) b.at("/verificationMaterial/tlogEntries/0")).put("integratedTime", time)))
                    .as(time).isInstanceOf(FormatException.class).hasMessageContaining("integratedTime");
        }
        // the last second of 9999 is readable, and refused as a time in the future
        Bundle late = edited("managed-key-happy-path",
                b -> ((ObjectNode) b.at("/verificationMaterial/tlogEntries/0")).put("integratedTime", "253402300799"));
        PublicKey key = SharedTestData.key("managed-key-happy-path");
        assertThatThrownBy(() -> verifier.verify(late, List.of(new Artifact.DigestArtifact(SharedTestData.artifactDigest())),
                VerificationPolicy.ofKey(key))).isInstanceOf(VerificationException.class);
    }

    @Test
    void aMessageDigestOfTheWrongLengthIsMalformed() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        ObjectNode tree = (ObjectNode) JsonCodec.mapper().valueToTree(bundle);
        ((ObjectNode) tree.at("/messageSignature/messageDigest")).put("digest", Base64Text.encode(new byte[31]));
        assertThatThrownBy(() -> Bundle.parse(JsonCodec.write(tree))).isInstanceOf(FormatException.class)
                .hasMessageContaining("messageDigest");
    }

    @Test
    void aSubjectDigestOfTheWrongLengthIsAMalformedStatement() throws Exception {
        String hex = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256).hex();
        BundleSigner signer = new BundleSigner(p256, new ArtifactDigester());
        for (String digest : new String[] {"ab", "abc", hex + "00"}) {
            byte[] payload = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\",\"digest\":{\"sha256\":\""
                    + digest + "\"}}],\"predicateType\":\"" + TYPE + "\",\"predicate\":{}}").getBytes(StandardCharsets.UTF_8);
            Bundle bundle = signer.attest(Statement.PAYLOAD_TYPE, payload);
            assertFails(Check.STATEMENT, () -> verifier.verify(bundle, List.of(file()), VerificationPolicy.ofKey(p256.publicKey())));
            Digest d = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
            assertFails(Check.STATEMENT, () -> verifier.verify(bundle, List.of(new Artifact.DigestArtifact(d)),
                    VerificationPolicy.ofKey(p256.publicKey())));
        }
    }

    @Test
    void duplicateMembersInsideTheSignedStatementAreRefused() throws Exception {
        String hex = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256).hex();
        byte[] payload = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\",\"digest\":{\"sha256\":\""
                + hex + "\"}}],\"predicateType\":\"https://example.com/other/v1\",\"predicateType\":\"" + TYPE
                + "\",\"predicate\":{}}").getBytes(StandardCharsets.UTF_8);
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).attest(Statement.PAYLOAD_TYPE, payload);
        assertFails(Check.STATEMENT, () -> verifier.verify(bundle, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).withPredicateType(TYPE)));
        byte[] nested = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\",\"digest\":{\"sha256\":\""
                + hex + "\"}}],\"predicateType\":\"" + TYPE + "\",\"predicate\":{\"a\":1,\"a\":2}}").getBytes(StandardCharsets.UTF_8);
        Bundle nestedBundle = new BundleSigner(p256, new ArtifactDigester()).attest(Statement.PAYLOAD_TYPE, nested);
        assertFails(Check.STATEMENT, () -> verifier.verify(nestedBundle, List.of(file()), VerificationPolicy.ofKey(p256.publicKey())));
    }

    // --- the injected clock is the clock for every check ------------------------------------------

    @Test
    void theInjectedClockDecidesWhetherAnSctIsInTheFuture() throws Exception {
        Bundle bundle = SharedTestData.bundle("rekor2-happy-path");
        TrustedRoot root = SharedTestData.trustedRootFor("rekor2-happy-path");
        List<Artifact> a = List.of(new Artifact.DigestArtifact(SharedTestData.artifactDigest()));
        VerificationPolicy policy = VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY, ISSUER));
        // today the bundle verifies
        new BundleVerifier(new ArtifactDigester(), () -> root, Clock.systemUTC()).verify(bundle, a, policy);
        BundleVerifier past = new BundleVerifier(new ArtifactDigester(), () -> root,
                Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertFails(Check.SCT, () -> past.verify(bundle, a, policy));
    }

    // --- certificates are exactly one DER certificate ---------------------------------------------

    @Test
    void bytesAfterTheSigningCertificateAreRefused() throws Exception {
        TrustedRoot root = SharedTestData.trustedRootFor("rekor2-happy-path");
        BundleVerifier v = new BundleVerifier(new ArtifactDigester(), () -> root, Clock.systemUTC());
        List<Artifact> a = List.of(new Artifact.DigestArtifact(SharedTestData.artifactDigest()));
        VerificationPolicy policy = VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY, ISSUER));
        for (byte[] tail : new byte[][] {{0}, {0x30, 0x00}}) {
            Bundle padded = edited("rekor2-happy-path", b -> {
                ObjectNode cert = (ObjectNode) b.at("/verificationMaterial/certificate");
                byte[] der = Base64Text.decode("c", cert.get("rawBytes").asText());
                byte[] longer = Arrays.copyOf(der, der.length + tail.length);
                System.arraycopy(tail, 0, longer, der.length, tail.length);
                cert.put("rawBytes", Base64Text.encode(longer));
            });
            assertFails(Check.CERTIFICATE_CHAIN, () -> v.verify(padded, a, policy));
        }
    }

    // --- duplicate evidence -----------------------------------------------------------------------

    @Test
    void aRepeatedTransparencyLogEntryIsRefused() throws Exception {
        assertThatThrownBy(() -> edited("managed-key-happy-path", b -> {
            ArrayNode entries = (ArrayNode) b.at("/verificationMaterial/tlogEntries");
            entries.add(entries.get(0).deepCopy());
        })).isInstanceOf(FormatException.class).hasMessageContaining("duplicate").hasMessageContaining("tlog entry");
        // the same log index of the same log, even when the rest differs
        assertThatThrownBy(() -> edited("managed-key-happy-path", b -> {
            ArrayNode entries = (ArrayNode) b.at("/verificationMaterial/tlogEntries");
            ObjectNode copy = entries.get(0).deepCopy();
            copy.put("integratedTime", "1766077480");
            entries.add(copy);
        })).isInstanceOf(FormatException.class).hasMessageContaining("duplicate");
    }

    @Test
    void aRepeatedTimestampIsRefused() throws Exception {
        assertThatThrownBy(() -> edited("managed-key-happy-path", b -> {
            ArrayNode stamps = (ArrayNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
            stamps.add(stamps.get(0).deepCopy());
        })).isInstanceOf(FormatException.class).hasMessageContaining("duplicate").hasMessageContaining("timestamp");
        // the same token once as a whole TimeStampResp and once bare: different bytes, one timestamp
        Bundle twice = edited("managed-key-happy-path", b -> {
            ArrayNode stamps = (ArrayNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
            try {
                byte[] response = Base64Text.decode("t", stamps.get(0).get("signedTimestamp").asText());
                byte[] token = new org.bouncycastle.tsp.TimeStampResponse(response).getTimeStampToken().getEncoded();
                stamps.addObject().put("signedTimestamp", Base64Text.encode(token));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PublicKey key = SharedTestData.key("managed-key-happy-path");
        assertFails(Check.TIMESTAMP, () -> verifier.verify(twice, List.of(new Artifact.DigestArtifact(SharedTestData.artifactDigest())),
                VerificationPolicy.ofKey(key)));
    }
}
