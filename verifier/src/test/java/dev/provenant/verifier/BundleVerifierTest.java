package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import dev.provenant.attest.testing.ConformanceSuite;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.cert.TestPki;
import java.security.cert.X509Certificate;
import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifierTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }
    static final String TYPE = "https://example.com/predicate/v1";

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
        return new FileKeyProvider().open(KEYS.resolve(file).toString(), new SecretSource(Map.of(), "X", null));
    }

    static PublicKey publicKey(String file) throws Exception {
        return PemPublicKeys.parse(Files.readString(KEYS.resolve(file)));
    }

    private VerificationResult verify(Bundle bundle, PublicKey key, Artifact... artifacts) throws Exception {
        return verifier.verify(bundle, List.of(artifacts), VerificationPolicy.ofKey(key));
    }

    private Artifact file() {
        return new Artifact.FileArtifact(artifact);
    }

    private void assertFails(Check check, ThrowingRunnable r) {
        assertThatThrownBy(r::run).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(check))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // --- message signatures -------------------------------------------------------------------

    @Test
    void everyKeyTypeVerifiesItsOwnMessageSignature() throws Exception {
        for (String[] k : new String[][] {{"ec-p256-sec1.pem", "ec-p256.pub"}, {"ec-p384-sec1.pem", "ec-p384.pub"},
            {"ed25519-pkcs8.pem", "ed25519.pub"}, {"rsa-3072-pkcs1.pem", "rsa-3072.pub"}}) {
            Bundle bundle = new BundleSigner(signer(k[0]), new ArtifactDigester()).signArtifact(artifact);
            VerificationResult r = verify(bundle, publicKey(k[1]), file());
            assertThat(r.checks()).as(k[0]).contains(Check.SIGNATURE, Check.ARTIFACT_DIGEST);
            assertThat(r.artifacts()).containsExactly(new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256));
        }
    }

    @Test
    void verifiesAgainstADigestInsteadOfTheFile() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        assertThat(verify(bundle, p256.publicKey(), new Artifact.DigestArtifact(digest)).checks()).contains(Check.SIGNATURE);
        Digest other = Digest.parse("sha256:" + "00".repeat(32));
        assertFails(Check.ARTIFACT_DIGEST, () -> verify(bundle, p256.publicKey(), new Artifact.DigestArtifact(other)));
    }

    @Test
    void tamperedArtifactFailsTheDigestCheck() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        Files.writeString(artifact, "the artifact bytes!");
        assertFails(Check.ARTIFACT_DIGEST, () -> verify(bundle, p256.publicKey(), file()));
    }

    @Test
    void aMessageSignatureWithoutARecordedDigestCannotBeBuilt() throws Exception {
        Bundle signed = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        assertThatThrownBy(() -> Bundle.ofMessageSignature(signed.verificationMaterial(),
                new MessageSignature(null, signed.messageSignature().signature())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageDigest");
    }

    @Test
    void aRecordedDigestOfAnotherHashThanTheKeySignsIsRefused() throws Exception {
        Signer p384 = signer("ec-p384-sec1.pem");
        Bundle signed = new BundleSigner(p384, new ArtifactDigester()).signArtifact(artifact);
        assertThat(verify(signed, p384.publicKey(), file()).checks()).contains(Check.SIGNATURE);
        // the signature still verifies over the artifact, but the bundle claims a SHA-256 digest was signed
        Digest sha256 = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        Bundle relabelled = Bundle.ofMessageSignature(signed.verificationMaterial(),
                new MessageSignature(HashOutput.of(sha256), signed.messageSignature().signature()));
        assertFails(Check.SIGNATURE, () -> verify(relabelled, p384.publicKey(), file()));
    }

    @Test
    void aMessageDigestOfTheWrongLengthCannotBeBuilt() {
        // read from JSON it is a bundle-format failure (FailClosedTest); in code it cannot be made at all
        assertThatThrownBy(() -> new HashOutput("SHA2_256", Base64Text.encode(new byte[38])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("38 bytes");
    }

    @Test
    void rewrittenDigestWithTheOldSignatureFails() throws Exception {
        Bundle signed = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        Files.writeString(artifact, "replacement artifact");
        Digest newDigest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        Bundle forged = Bundle.ofMessageSignature(signed.verificationMaterial(),
                new MessageSignature(HashOutput.of(newDigest), signed.messageSignature().signature()));
        assertFails(Check.SIGNATURE, () -> verify(forged, p256.publicKey(), file()));
    }

    @Test
    void wrongKeyAndFlippedSignatureFail() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        assertFails(Check.SIGNATURE, () -> verify(bundle, publicKey("ec-p384.pub"), file()));
        assertFails(Check.SIGNATURE, () -> verify(bundle, publicKey("rsa-3072.pub"), file()));
        byte[] sig = bundle.messageSignature().signatureBytes();
        sig[sig.length - 3] ^= 0x01;
        Bundle flipped = Bundle.ofMessageSignature(bundle.verificationMaterial(),
                new MessageSignature(bundle.messageSignature().messageDigest(), Base64Text.encode(sig)));
        assertFails(Check.SIGNATURE, () -> verify(flipped, p256.publicKey(), file()));
    }

    @Test
    void acceptsRawEcdsaSignaturesAsWellAsDer() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        byte[] raw = derToRaw(bundle.messageSignature().signatureBytes(), 32);
        Bundle rawBundle = Bundle.ofMessageSignature(bundle.verificationMaterial(),
                new MessageSignature(bundle.messageSignature().messageDigest(), Base64Text.encode(raw)));
        assertThat(verify(rawBundle, p256.publicKey(), file()).checks()).contains(Check.SIGNATURE);
        raw[5] ^= 0x40;
        Bundle badRaw = Bundle.ofMessageSignature(bundle.verificationMaterial(),
                new MessageSignature(bundle.messageSignature().messageDigest(), Base64Text.encode(raw)));
        assertFails(Check.SIGNATURE, () -> verify(badRaw, p256.publicKey(), file()));
    }

    @Test
    void ed25519NeedsTheFileNotADigest() throws Exception {
        Signer ed = signer("ed25519-pkcs8.pem");
        Bundle bundle = new BundleSigner(ed, new ArtifactDigester()).signArtifact(artifact);
        Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        assertThatThrownBy(() -> verify(bundle, ed.publicKey(), new Artifact.DigestArtifact(digest)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("give the artifact file");
    }

    @Test
    void certificateBundlesAreNotKeyBundles() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        byte[] der = Base64Text.decode("c", "MIIBkTCB+6ADAgECAgEBMA0GCSqGSIb3DQEBCwUAMA0xCzAJBgNVBAMMAmNhMB4XDTIwMDEwMTAwMDAwMFoXDTMwMDEwMTAwMDAwMFowDTELMAkGA1UEAwwCY2E=");
        Bundle certBundle = Bundle.ofMessageSignature(new VerificationMaterial(null, null, new RawCertificate(Base64Text.encode(der)),
                List.of(), null), bundle.messageSignature());
        assertFails(Check.KEY, () -> verify(certBundle, p256.publicKey(), file()));
    }

    @Test
    void requireTlogRejectsABundleWithoutEntries() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).signArtifact(artifact);
        assertFails(Check.TLOG_REQUIRED, () -> verifier.verify(bundle, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).requiringTlog(true)));
    }

    // --- DSSE ---------------------------------------------------------------------------------

    private Statement statementAbout(Path... files) throws Exception {
        var subjects = new dev.provenant.attest.intoto.SubjectDigester(new ArtifactDigester()).subjects(List.of(files));
        return Statement.of(subjects, TYPE, JsonCodec.mapper().createObjectNode().put("k", "v"));
    }

    @Test
    void dsseVerifiesSubjectsAndPredicateType() throws Exception {
        Path second = Files.writeString(dir.resolve("lib.jar"), "second");
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).attest(statementAbout(artifact, second));
        VerificationResult r = verifier.verify(bundle, List.of(file(), new Artifact.FileArtifact(second)),
                VerificationPolicy.ofKey(p256.publicKey()).withPredicateType(TYPE));
        assertThat(r.statement()).isPresent();
        assertThat(r.checks()).containsSequence(Check.SIGNATURE, Check.PAYLOAD_TYPE, Check.STATEMENT, Check.SUBJECT_DIGEST,
                Check.PREDICATE_TYPE);
        Digest d = new ArtifactDigester().digest(second, DigestAlgorithm.SHA256);
        assertThat(verify(bundle, p256.publicKey(), new Artifact.DigestArtifact(d)).artifacts()).containsExactly(d);
    }

    @Test
    void dsseTamperCasesFail() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).attest(statementAbout(artifact));
        Envelope e = bundle.dsseEnvelope();
        // payload changed after signing
        byte[] payload = e.payloadBytes();
        byte[] changed = new String(payload, StandardCharsets.UTF_8).replace("\"v\"", "\"w\"").getBytes(StandardCharsets.UTF_8);
        assertFails(Check.SIGNATURE, () -> verify(withEnvelope(bundle, Envelope.of(e.payloadType(), changed, e.signatures())),
                p256.publicKey(), file()));
        // payloadType changed after signing: the PAE covers it
        assertFails(Check.SIGNATURE, () -> verify(withEnvelope(bundle, Envelope.of("application/json", payload, e.signatures())),
                p256.publicKey(), file()));
        // signature flipped
        byte[] sig = e.signatures().get(0).signatureBytes();
        sig[sig.length - 2] ^= 1;
        assertFails(Check.SIGNATURE, () -> verify(withEnvelope(bundle, Envelope.of(e.payloadType(), payload,
                List.of(new EnvelopeSignature(null, Base64Text.encode(sig))))), p256.publicKey(), file()));
        // wrong key
        assertFails(Check.SIGNATURE, () -> verify(bundle, publicKey("ed25519.pub"), file()));
        // artifact that is not a subject
        Files.writeString(artifact, "tampered");
        assertFails(Check.SUBJECT_DIGEST, () -> verify(bundle, p256.publicKey(), file()));
    }

    @Test
    void dssePolicyAndShapeFailures() throws Exception {
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).attest(statementAbout(artifact));
        assertFails(Check.PREDICATE_TYPE, () -> verifier.verify(bundle, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).withPredicateType("https://slsa.dev/provenance/v1")));
        BundleSigner signer = new BundleSigner(p256, new ArtifactDigester());
        Bundle otherType = signer.attest("application/json", statementAbout(artifact).toJson());
        assertFails(Check.PAYLOAD_TYPE, () -> verify(otherType, p256.publicKey(), file()));
        Bundle notAStatement = signer.attest("application/vnd.in-toto+json", "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
        assertFails(Check.STATEMENT, () -> verify(notAStatement, p256.publicKey(), file()));
        Envelope e = bundle.dsseEnvelope();
        Envelope twoSigs = Envelope.of(e.payloadType(), e.payloadBytes(), List.of(e.signatures().get(0), e.signatures().get(0)));
        assertFails(Check.SIGNATURE, () -> verify(withEnvelope(bundle, twoSigs), p256.publicKey(), file()));
    }

    @Test
    void aPredicateSpecificPayloadTypeIsReadAsAStatement() throws Exception {
        // in-toto attestation v1.2: application/vnd.in-toto.<predicate>+json, signed as such (the PAE covers it).
        BundleSigner signer = new BundleSigner(p256, new ArtifactDigester());
        for (String type : List.of("application/vnd.in-toto.provenance+json", "application/vnd.in-toto.test-result+json")) {
            Bundle bundle = signer.attest(type, statementAbout(artifact).toJson());
            assertThat(bundle.dsseEnvelope().payloadType()).isEqualTo(type);
            VerificationResult r = verifier.verify(bundle, List.of(file()),
                    VerificationPolicy.ofKey(p256.publicKey()).withPredicateType(TYPE));
            assertThat(r.statement()).isPresent();
            assertThat(r.checks()).containsSequence(Check.SIGNATURE, Check.PAYLOAD_TYPE, Check.STATEMENT,
                    Check.SUBJECT_DIGEST, Check.PREDICATE_TYPE);
        }
        // The media type names no predicate Provenant relies on: the statement's predicateType still decides.
        Bundle provenance = signer.attest("application/vnd.in-toto.provenance+json", statementAbout(artifact).toJson());
        assertFails(Check.PREDICATE_TYPE, () -> verifier.verify(provenance, List.of(file()),
                VerificationPolicy.ofKey(p256.publicKey()).withPredicateType("https://slsa.dev/provenance/v1")));
    }

    @Test
    void aMalformedInTotoPayloadTypeIsRefused() throws Exception {
        BundleSigner signer = new BundleSigner(p256, new ArtifactDigester());
        byte[] statement = statementAbout(artifact).toJson();
        for (String type : List.of("application/vnd.in-toto.+json", "application/vnd.in-toto.x+xml",
                "application/vnd.in-toto.provenance+dsse", "application/vnd.other.provenance+json",
                "text/vnd.in-toto.provenance+json", "application/vnd.in-toto..x+json", "application/vnd.in-toto.x y+json",
                "application/vnd.in-toto.provenance+json; charset=utf-8", "APPLICATION/VND.IN-TOTO+JSON")) {
            Bundle bundle = signer.attest(type, statement);
            assertThatThrownBy(() -> verify(bundle, p256.publicKey(), file()))
                    .as(type).isInstanceOfSatisfying(VerificationException.class, e -> {
                        assertThat(e.check()).isEqualTo(Check.PAYLOAD_TYPE);
                        assertThat(e.getMessage()).contains("payloadType is '" + type + "'");
                    });
        }
    }

    @Test
    void theSignatureIsCheckedBeforeThePayloadIsParsed() throws Exception {
        // Unsigned garbage must be reported as a signature failure: the parser never sees unverified bytes.
        Bundle bundle = new BundleSigner(p256, new ArtifactDigester()).attest(statementAbout(artifact));
        Envelope e = bundle.dsseEnvelope();
        Envelope garbage = Envelope.of(e.payloadType(), "{not json".getBytes(StandardCharsets.UTF_8), e.signatures());
        assertFails(Check.SIGNATURE, () -> verify(withEnvelope(bundle, garbage), p256.publicKey(), file()));
    }

    @Test
    void aSelfMadeCertificateIsRefusedBeforeItsPayloadIsDecoded() throws Exception {
        // A bundle near the bundle cap, signed by a certificate from a CA of the bundle maker's own.
        Instant now = Instant.now();
        TestPki.Ca own = TestPki.root("CN=own CA", now.minusSeconds(3600), now.plusSeconds(3600));
        TestPki.Leaf leaf = new TestPki.Leaf(now.minusSeconds(60)).email("someone@example.com");
        X509Certificate certificate = leaf.issuedBy(own);
        byte[] payload = new byte[6 << 20];
        Arrays.fill(payload, (byte) ' ');
        java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(leaf.keys().getPrivate());
        ecdsa.update(Pae.encode(Statement.PAYLOAD_TYPE, payload));
        Envelope envelope = Envelope.of(Statement.PAYLOAD_TYPE, payload,
                List.of(new EnvelopeSignature(null, Base64Text.encode(ecdsa.sign()))));
        Bundle bundle = Bundle.ofEnvelope(new VerificationMaterial(null, null,
                new RawCertificate(Base64Text.encode(certificate.getEncoded())), List.of(), null), envelope);
        VerificationPolicy policy = VerificationPolicy.ofIdentity(
                IdentityPolicy.of("someone@example.com", null, "https://issuer.example", null));
        verifier.verify(Bundle.parse(new BundleSigner(p256, new ArtifactDigester()).attest(statementAbout(artifact)).toJson()),
                List.of(file()), VerificationPolicy.ofKey(p256.publicKey())); // warm up: load classes, read the root

        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertFails(Check.CERTIFICATE_CHAIN, () -> verifier.verify(bundle, List.of(file()), policy));
        // Decoding the payload alone would allocate 6 MiB, and its PAE 6 MiB more.
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(2 << 20);
    }

    // --- transparency log entries present in key bundles -------------------------------------

    @Test
    void conformanceManagedKeyBundleVerifiesItsLogEntryAndTimestamp() throws Exception {
        Bundle bundle = Bundle.read(cases().resolve("managed-key-happy-path/bundle.sigstore.json"));
        PublicKey key = PemPublicKeys.parse(Files.readString(cases().resolve("managed-key-happy-path/key.pub")));
        VerificationResult r = verifier.verify(bundle, List.of(new Artifact.FileArtifact(cases().resolve("a.txt"))),
                VerificationPolicy.ofKey(key).requiringTlog(true));
        assertThat(r.checks()).contains(Check.TLOG_SET, Check.TLOG_INCLUSION_PROOF, Check.TLOG_CHECKPOINT, Check.TIMESTAMP);
        assertThat(r.tlogEntries()).hasSize(1);
        assertThat(r.timestamps()).hasSize(1);
    }

    @Test
    void aLogEntryForAnotherSignatureIsRejected() throws Exception {
        Bundle original = Bundle.read(cases().resolve("managed-key-happy-path/bundle.sigstore.json"));
        Bundle other = Bundle.read(cases().resolve("managed-key-and-trusted-root/bundle.sigstore.json"));
        PublicKey key = PemPublicKeys.parse(Files.readString(cases().resolve("managed-key-happy-path/key.pub")));
        // The other bundle's signature over the same artifact, with this bundle's log entry: the entry
        // records a different signature, so it is not this bundle's entry.
        Bundle mixed = Bundle.ofMessageSignature(original.verificationMaterial(), other.messageSignature());
        ObjectNode tree = (ObjectNode) JsonCodec.mapper().valueToTree(mixed);
        tree.put("mediaType", original.mediaType());
        Bundle parsed = Bundle.parse(JsonCodec.write(tree));
        assertFails(Check.TLOG_BODY, () -> verifier.verify(parsed, List.of(new Artifact.FileArtifact(cases().resolve("a.txt"))),
                VerificationPolicy.ofKey(key)));
    }

    private static Bundle withEnvelope(Bundle bundle, Envelope envelope) {
        return Bundle.ofEnvelope(bundle.verificationMaterial(), envelope);
    }

    /** DER ECDSA-Sig-Value to fixed-length r||s. */
    private static byte[] derToRaw(byte[] der, int half) {
        int offset = 2;
        int rLen = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
        offset = offset + 2 + rLen;
        int sLen = der[offset + 1];
        byte[] s = Arrays.copyOfRange(der, offset + 2, offset + 2 + sLen);
        byte[] raw = new byte[2 * half];
        System.arraycopy(r, Math.max(0, r.length - half), raw, half - Math.min(half, r.length), Math.min(half, r.length));
        System.arraycopy(s, Math.max(0, s.length - half), raw, 2 * half - Math.min(half, s.length), Math.min(half, s.length));
        return raw;
    }
}
