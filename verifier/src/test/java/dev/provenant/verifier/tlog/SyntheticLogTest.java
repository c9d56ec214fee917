package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries of logs made up here, so that one checkpoint or Rekor v2 rule at a time can be broken while
 * every signature stays valid: a check that is deleted lets its test pass a bad entry.
 */
class SyntheticLogTest {
    private static final KindVersion HASHEDREKORD_V2 = new KindVersion("hashedrekord", "0.0.2");
    private static final KindVersion DSSE_V2 = new KindVersion("dsse", "0.0.2");
    private static final KindVersion HASHEDREKORD_V1 = new KindVersion("hashedrekord", "0.0.1");

    private final TlogEntryVerifier verifier = new TlogEntryVerifier();
    private TestLog v2Log;
    private TestLog v1Log;
    private KeyPair signer;
    private Digest digest;
    private byte[] signature;

    @BeforeEach
    void makeLogs() throws Exception {
        v2Log = TestLog.ed25519("log.example.test");
        v1Log = TestLog.ecdsa("rekor.example.test");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        signer = generator.generateKeyPair();
        digest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest("artifact".getBytes(StandardCharsets.UTF_8)));
        signature = new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
    }

    // Rekor v2

    @Test
    void verifiesARekorV2EntryWithAnEd25519Checkpoint() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), this::v2Checkpoint);

        VerifiedEntry verified = verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact());

        assertThat(verified.type()).isEqualTo(EntryType.HASHEDREKORD_V002);
        assertThat(verified.checkpointVerified()).isTrue();
        assertThat(verified.setVerified()).isFalse();
        assertThat(verified.integratedTime()).isZero();
        assertThat(verified.signedIntegratedTime()).isEmpty();
    }

    @Test
    void ignoresCosignaturesFromUnknownWitnesses() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), (size, root) -> v2Checkpoint(size, root)
                + v2Log.signatureLine("witness.example/w1", 0x01020304, new byte[72]));

        assertThat(verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact()).checkpointVerified()).isTrue();
    }

    @Test
    void checksARekorV2LogKeyAtTheTimeTheCallerEstablished() throws Exception {
        VerifiedEntry verified = verifier.verify(v2Entry(hashedRekordV2Body(), this::v2Checkpoint), BundleVersion.V0_3, v2Root(), expectedArtifact());

        verified.requireLogKeyValidAt(Instant.parse("2025-01-01T00:00:00Z"));
        assertFails(() -> verified.requireLogKeyValidAt(Instant.parse("2024-12-31T23:59:59Z")), Check.TLOG_KEY, "is not valid at");
    }

    @Test
    void rejectsACheckpointWhoseOriginIsNotTheLogHost() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(),
                (size, root) -> v2Log.checkpoint("other.example.test", size, root, "other.example.test", v2Log.hint()));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "is not the log's name");
    }

    @Test
    void rejectsARekorV2CheckpointWithTheRekorV1KeyHint() throws Exception {
        int v1StyleHint = ByteBuffer.wrap(TestLog.sha256(v2Log.keys.getPublic().getEncoded())).getInt();
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(),
                (size, root) -> v2Log.checkpoint(v2Log.name, size, root, v2Log.name, v1StyleHint));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "no signature by log.example.test");
    }

    @Test
    void rejectsACheckpointForAnotherTreeSize() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), (size, root) -> v2Checkpoint(size + 1, root));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "tree size");
    }

    @Test
    void rejectsACheckpointForAnotherRootHash() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), (size, root) -> v2Checkpoint(size, TestLog.sha256(root)));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v2Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "root hash");
    }

    @Test
    void rejectsASetOnARekorV2Entry() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), this::v2Checkpoint);
        TransparencyLogEntry withSet = new TransparencyLogEntry(entry.logIndex(), entry.logId(), entry.kindVersion(), 0,
                new InclusionPromise(Base64Text.encode(new byte[8])), entry.inclusionProof(), entry.canonicalizedBody());

        assertFails(() -> verifier.verify(withSet, BundleVersion.V0_3, v2Root(), expectedArtifact()), Check.TLOG_SET, "Rekor v2");
    }

    @Test
    void requiresAnInclusionProofOfARekorV2EntryEvenInAV01Bundle() throws Exception {
        TransparencyLogEntry entry = v2Entry(hashedRekordV2Body(), this::v2Checkpoint);
        TransparencyLogEntry noProof = new TransparencyLogEntry(entry.logIndex(), entry.logId(), entry.kindVersion(), 0, null, null,
                entry.canonicalizedBody());

        assertFails(() -> verifier.verify(noProof, BundleVersion.V0_1, v2Root(), expectedArtifact()), Check.TLOG_INCLUSION_PROOF,
                "Rekor v2 entry");
    }

    @Test
    void rejectsARekorV2BodyWithAnotherKeyScheme() throws Exception {
        ObjectNode body = hashedRekordV2Body();
        ((ObjectNode) body.path("spec").path("hashedRekordV002").path("signature").path("verifier")).put("keyDetails", "PKIX_ECDSA_P384_SHA_384");

        assertFails(() -> verifier.verify(v2Entry(body, this::v2Checkpoint), BundleVersion.V0_3, v2Root(), expectedArtifact()),
                Check.TLOG_BODY, "keyDetails");
    }

    @Test
    void rejectsARekorV2BodyNamingACertificateForAKeyBundle() throws Exception {
        ObjectNode body = hashedRekordV2Body();
        ObjectNode verifierNode = (ObjectNode) body.path("spec").path("hashedRekordV002").path("signature").path("verifier");
        verifierNode.remove("publicKey");
        verifierNode.putObject("x509Certificate").put("rawBytes", Base64Text.encode(signer.getPublic().getEncoded()));

        assertFails(() -> verifier.verify(v2Entry(body, this::v2Checkpoint), BundleVersion.V0_3, v2Root(), expectedArtifact()),
                Check.TLOG_BODY, "certificate is not the verification key");
    }

    @Test
    void verifiesADsseV002EntryAndRejectsItForAnotherPayload() throws Exception {
        Envelope envelope = Envelope.of("application/vnd.in-toto+json", "{}".getBytes(StandardCharsets.UTF_8),
                List.of(new EnvelopeSignature(null, Base64Text.encode(signature))));
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.2").put("kind", "dsse");
        ObjectNode dsse = body.putObject("spec").putObject("dsseV002");
        dsse.putObject("payloadHash").put("algorithm", "SHA2_256")
                .put("digest", Base64Text.encode(TestLog.sha256(envelope.payloadBytes())));
        ObjectNode recorded = dsse.putArray("signatures").addObject().put("content", Base64Text.encode(signature));
        recorded.set("verifier", keyVerifier());
        TransparencyLogEntry entry = v2Log.entry(DSSE_V2, JsonCodec.write(body), 2, 3, 0, false, this::v2Checkpoint);
        SigningMaterial key = SigningMaterial.ofKey(signer.getPublic());

        assertThat(verifier.verify(entry, BundleVersion.V0_3, v2Root(), ExpectedBody.envelope(envelope, key)).type())
                .isEqualTo(EntryType.DSSE_V002);
        Envelope other = Envelope.of(envelope.payloadType(), "{ }".getBytes(StandardCharsets.UTF_8), envelope.signatures());
        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v2Root(), ExpectedBody.envelope(other, key)), Check.TLOG_BODY,
                "payload hash");
    }

    // Rekor v1

    @Test
    void verifiesARekorV1EntryWithSetAndCheckpoint() throws Exception {
        TransparencyLogEntry entry = v1Entry((size, root) -> v1Log.checkpoint(v1Log.name + " - 42", size, root, v1Log.name, v1Log.hint()));

        VerifiedEntry verified = verifier.verify(entry, BundleVersion.V0_3, v1Root(), expectedArtifact());

        assertThat(verified.setVerified()).isTrue();
        assertThat(verified.checkpointVerified()).isTrue();
    }

    @Test
    void rejectsARekorV1CheckpointWithoutTreeIdInItsOrigin() throws Exception {
        TransparencyLogEntry entry = v1Entry((size, root) -> v1Log.checkpoint(v1Log.name, size, root, v1Log.name, v1Log.hint()));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v1Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "not a Rekor v1 origin");
    }

    @Test
    void rejectsARekorV1CheckpointSignedUnderANameOtherThanItsOrigin() throws Exception {
        TransparencyLogEntry entry = v1Entry((size, root) -> v1Log.checkpoint(v1Log.name + " - 42", size, root, "elsewhere.test", v1Log.hint()));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v1Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "no signature by rekor.example.test");
    }

    @Test
    void rejectsARekorV1CheckpointSignedByAnotherKeyUnderTheLogHint() throws Exception {
        TestLog impostor = TestLog.ecdsa(v1Log.name);
        TransparencyLogEntry entry = v1Entry((size, root) -> impostor.checkpoint(v1Log.name + " - 42", size, root, v1Log.name, v1Log.hint()));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, v1Root(), expectedArtifact()), Check.TLOG_CHECKPOINT,
                "does not verify");
    }

    private String v2Checkpoint(long size, byte[] root) throws Exception {
        return v2Log.checkpoint(v2Log.name, size, root, v2Log.name, v2Log.hint());
    }

    private TransparencyLogEntry v2Entry(ObjectNode body, TestLog.CheckpointMaker checkpointer) throws Exception {
        return v2Log.entry(HASHEDREKORD_V2, JsonCodec.write(body), 4, 7, 0, false, checkpointer);
    }

    private TransparencyLogEntry v1Entry(TestLog.CheckpointMaker checkpointer) throws Exception {
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
        ObjectNode spec = body.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", digest.hex());
        String pem = dev.provenant.attest.crypto.PemPublicKeys.toPem(signer.getPublic());
        spec.putObject("signature").put("content", Base64Text.encode(signature))
                .putObject("publicKey").put("content", Base64Text.encode(pem.getBytes(StandardCharsets.UTF_8)));
        return v1Log.entry(HASHEDREKORD_V1, JsonCodec.write(body), 5, 6, Instant.now().getEpochSecond() - 60, true, checkpointer);
    }

    private ObjectNode hashedRekordV2Body() {
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.2").put("kind", "hashedrekord");
        ObjectNode entry = body.putObject("spec").putObject("hashedRekordV002");
        entry.putObject("data").put("algorithm", "SHA2_256").put("digest", Base64Text.encode(digest.value()));
        ObjectNode sig = entry.putObject("signature").put("content", Base64Text.encode(signature));
        sig.set("verifier", keyVerifier());
        return body;
    }

    private ObjectNode keyVerifier() {
        ObjectNode verifierNode = JsonCodec.mapper().createObjectNode();
        verifierNode.putObject("publicKey").put("rawBytes", Base64Text.encode(signer.getPublic().getEncoded()));
        verifierNode.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
        return verifierNode;
    }

    private ExpectedBody expectedArtifact() {
        return ExpectedBody.messageSignature(digest, signature, SigningMaterial.ofKey(signer.getPublic()));
    }

    private TrustedRoot v2Root() throws Exception {
        return v2Log.root("2025-01-01T00:00:00Z");
    }

    private TrustedRoot v1Root() throws Exception {
        return v1Log.root("2021-01-01T00:00:00Z");
    }

    private static void assertFails(ThrowingCallable call, Check check, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> {
            assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
        });
    }
}
