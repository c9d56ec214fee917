package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.Checkpoint;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.trust.SharedTestData;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The managed-key-happy-path entry (real Rekor v1 data under the public-good root), verified as is and
 * then with one thing changed at a time; each change must fail the one check that covers it.
 */
class TlogEntryVerifierTest {
    private static final String CASE = "managed-key-happy-path";

    private final Bundle bundle = SharedTestData.bundle(CASE);
    private final TransparencyLogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);
    private final TrustedRoot root = TrustedRoot.publicGood();
    private final ExpectedBody expected = ConformanceExpectations.of(CASE, bundle);
    private final TlogEntryVerifier verifier = new TlogEntryVerifier();

    @Test
    void verifiesTheEntry() throws VerificationException {
        VerifiedEntry verified = verifier.verify(entry, BundleVersion.V0_3, root, expected);

        assertThat(verified.logIndex()).isEqualTo(771488337L);
        assertThat(verified.integratedTime()).isEqualTo(1766077479L);
        assertThat(verified.signedIntegratedTime()).contains(Instant.ofEpochSecond(1766077479L));
        assertThat(verified.baseUrl()).isEqualTo("https://rekor.sigstore.dev");
        assertThat(verified.type()).isEqualTo(EntryType.HASHEDREKORD_V001);
        assertThat(verified.setVerified()).isTrue();
        assertThat(verified.inclusionProofVerified()).isTrue();
        assertThat(verified.checkpointVerified()).isTrue();
        assertThat(verified.treeSize()).isEqualTo(649584076L);
    }

    @Test
    void anEntryWithoutSetStillVerifiesThroughItsCheckpointButItsTimeIsNotSigned() throws VerificationException {
        VerifiedEntry verified = verifier.verify(withPromise(null), BundleVersion.V0_3, root, expected);

        assertThat(verified.setVerified()).isFalse();
        assertThat(verified.checkpointVerified()).isTrue();
        assertThat(verified.signedIntegratedTime()).isEmpty();
    }

    // TLOG_KEY

    @Test
    void rejectsAnUnknownLogId() {
        TransparencyLogEntry unknown = new TransparencyLogEntry(entry.logIndex(), new LogId(Base64Text.encode(new byte[32])),
                entry.kindVersion(), entry.integratedTime(), entry.inclusionPromise(), entry.inclusionProof(), entry.canonicalizedBody());

        assertFails(() -> verifier.verify(unknown, BundleVersion.V0_3, root, expected), Check.TLOG_KEY, "is not a transparency log");
    }

    @Test
    void rejectsALogKeyNotYetValidAtTheIntegratedTime() {
        TrustedRoot later = editRoot(log -> ((ObjectNode) log.path("publicKey").path("validFor")).put("start", "2026-01-01T00:00:00Z"));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, later, expected), Check.TLOG_KEY, "not valid at integrated time");
    }

    @Test
    void rejectsALogKeyExpiredBeforeTheIntegratedTime() {
        TrustedRoot expired = editRoot(log -> ((ObjectNode) log.path("publicKey").path("validFor")).put("end", "2025-12-18T17:04:38Z"));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, expired, expected), Check.TLOG_KEY, "not valid at integrated time");
    }

    @Test
    void acceptsALogKeyWhoseValidityEndsExactlyAtTheIntegratedTime() throws VerificationException {
        TrustedRoot endsThen = editRoot(log -> ((ObjectNode) log.path("publicKey").path("validFor")).put("end", "2025-12-18T17:04:39Z"));

        assertThat(verifier.verify(entry, BundleVersion.V0_3, endsThen, expected).setVerified()).isTrue();
    }

    @Test
    void rejectsALogKeyWithoutValidityStart() {
        TrustedRoot noStart = editRoot(log -> ((ObjectNode) log.path("publicKey").path("validFor")).remove("start"));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, noStart, expected), Check.TLOG_KEY, "no validFor.start");
    }

    @Test
    void rejectsALogKeyWhoseSchemeIsNotTheOneTheRootStates() {
        TrustedRoot wrongDetails = editRoot(log -> ((ObjectNode) log.path("publicKey")).put("keyDetails", "PKIX_ED25519"));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, wrongDetails, expected), Check.TLOG_KEY, "trusted root says");
    }

    // TLOG_TIME

    @Test
    void rejectsAnIntegratedTimeInTheFuture() {
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        TlogEntryVerifier earlier = new TlogEntryVerifier(Clock.fixed(integrated.minus(TlogEntryVerifier.CLOCK_SKEW).minusSeconds(1), ZoneOffset.UTC));

        assertFails(() -> earlier.verify(entry, BundleVersion.V0_3, root, expected), Check.TLOG_TIME, "in the future");
    }

    @Test
    void toleratesAnIntegratedTimeWithinTheClockSkew() throws VerificationException {
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        TlogEntryVerifier slightlyBehind = new TlogEntryVerifier(Clock.fixed(integrated.minus(TlogEntryVerifier.CLOCK_SKEW), ZoneOffset.UTC));

        assertThat(slightlyBehind.verify(entry, BundleVersion.V0_3, root, expected).setVerified()).isTrue();
    }

    // TLOG_BODY

    @Test
    void rejectsABodyForAnotherArtifact() {
        Digest other = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest("other".getBytes(StandardCharsets.UTF_8)));
        ExpectedBody otherArtifact = ExpectedBody.messageSignature(other, bundle.messageSignature().signatureBytes(), expected.signer());

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, root, otherArtifact), Check.TLOG_BODY, "artifact digest");
    }

    @Test
    void rejectsABodyWithAnotherSignature() {
        byte[] signature = bundle.messageSignature().signatureBytes();
        signature[signature.length - 1] ^= 1;
        ExpectedBody otherSignature = ExpectedBody.messageSignature(SharedTestData.artifactDigest(), signature, expected.signer());

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, root, otherSignature), Check.TLOG_BODY, "signature");
    }

    @Test
    void rejectsABodyWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ExpectedBody otherKey = ExpectedBody.messageSignature(SharedTestData.artifactDigest(),
                bundle.messageSignature().signatureBytes(), SigningMaterial.ofKey(generator.generateKeyPair().getPublic()));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, root, otherKey), Check.TLOG_BODY, "not the verification key");
    }

    @Test
    void rejectsABodyWhoseKindIsNotTheStatedOne() {
        TransparencyLogEntry relabelled = withKind(new KindVersion("dsse", "0.0.1"));

        assertFails(() -> verifier.verify(relabelled, BundleVersion.V0_3, root, expected), Check.TLOG_BODY, "kindVersion says dsse 0.0.1");
    }

    @Test
    void rejectsAnUnsupportedKind() {
        assertFails(() -> verifier.verify(withKind(new KindVersion("rekord", "0.0.1")), BundleVersion.V0_3, root, expected),
                Check.TLOG_BODY, "not supported");
    }

    @Test
    void rejectsAHashedRekordForAnEnvelope() {
        Envelope envelope = Envelope.of("text/plain", new byte[] {1}, List.of(new EnvelopeSignature(null, bundle.messageSignature().signature())));

        assertFails(() -> verifier.verify(entry, BundleVersion.V0_3, root, ExpectedBody.envelope(envelope, expected.signer())),
                Check.TLOG_BODY, "DSSE envelope");
    }

    // TLOG_SET

    @Test
    void rejectsACorruptedSet() {
        byte[] set = entry.inclusionPromise().signedEntryTimestampBytes();
        set[set.length - 3] ^= 1;

        assertFails(() -> verifier.verify(withPromise(new InclusionPromise(Base64Text.encode(set))), BundleVersion.V0_3, root, expected),
                Check.TLOG_SET, "does not verify");
    }

    @Test
    void rejectsAShiftedIntegratedTime() {
        TransparencyLogEntry shifted = new TransparencyLogEntry(entry.logIndex(), entry.logId(), entry.kindVersion(),
                entry.integratedTime() - 1, entry.inclusionPromise(), entry.inclusionProof(), entry.canonicalizedBody());

        assertFails(() -> verifier.verify(shifted, BundleVersion.V0_3, root, expected), Check.TLOG_SET, "does not verify");
    }

    @Test
    void rejectsAShiftedLogIndex() {
        TransparencyLogEntry shifted = new TransparencyLogEntry(entry.logIndex() + 1, entry.logId(), entry.kindVersion(),
                entry.integratedTime(), entry.inclusionPromise(), entry.inclusionProof(), entry.canonicalizedBody());

        assertFails(() -> verifier.verify(shifted, BundleVersion.V0_3, root, expected), Check.TLOG_SET, "does not verify");
    }

    @Test
    void requiresASetInAV01Bundle() {
        assertFails(() -> verifier.verify(withPromise(null), BundleVersion.V0_1, root, expected), Check.TLOG_SET, "v0.1 bundle requires");
    }

    // TLOG_INCLUSION_PROOF

    @Test
    void rejectsAFlippedProofHash() {
        List<String> hashes = new ArrayList<>(entry.inclusionProof().hashes());
        byte[] first = Base64.getDecoder().decode(hashes.get(3));
        first[0] ^= 1;
        hashes.set(3, Base64Text.encode(first));

        assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.logIndex(), p.rootHash(), p.treeSize(), hashes, p.checkpoint())),
                BundleVersion.V0_3, root, expected), Check.TLOG_INCLUSION_PROOF, "does not lead to its root hash");
    }

    @Test
    void rejectsAWrongRootHash() {
        byte[] rootHash = entry.inclusionProof().rootHashBytes();
        rootHash[31] ^= 1;

        assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.logIndex(), Base64Text.encode(rootHash), p.treeSize(),
                p.hashes(), p.checkpoint())), BundleVersion.V0_3, root, expected), Check.TLOG_INCLUSION_PROOF, "does not lead to its root hash");
    }

    @Test
    void rejectsAProofForAnotherLeaf() {
        assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.logIndex() - 1, p.rootHash(), p.treeSize(), p.hashes(),
                p.checkpoint())), BundleVersion.V0_3, root, expected), Check.TLOG_INCLUSION_PROOF, "inclusion proof");
    }

    @Test
    void rejectsAnIndexOutsideTheTree() {
        assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.treeSize(), p.rootHash(), p.treeSize(), p.hashes(),
                p.checkpoint())), BundleVersion.V0_3, root, expected), Check.TLOG_INCLUSION_PROOF, "is not below tree size");
    }

    @Test
    void rejectsAProofWithAHashMissing() {
        assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.logIndex(), p.rootHash(), p.treeSize(),
                p.hashes().subList(0, p.hashes().size() - 1), p.checkpoint())), BundleVersion.V0_3, root, expected),
                Check.TLOG_INCLUSION_PROOF, "fewer hashes");
    }

    @Test
    void requiresAnInclusionProofFromV02On() {
        assertFails(() -> verifier.verify(withProof(p -> null), BundleVersion.V0_3, root, expected),
                Check.TLOG_INCLUSION_PROOF, "has no inclusion proof");
    }

    // TLOG_CHECKPOINT

    @Test
    void rejectsACorruptedCheckpointSignature() {
        String envelope = entry.inclusionProof().checkpoint().envelope();
        int sigStart = envelope.lastIndexOf(' ') + 1;
        byte[] signature = Base64.getDecoder().decode(envelope.substring(sigStart).strip());
        signature[signature.length - 2] ^= 1;
        String corrupted = envelope.substring(0, sigStart) + Base64Text.encode(signature) + "\n";

        assertFails(() -> verifier.verify(withCheckpoint(corrupted), BundleVersion.V0_3, root, expected),
                Check.TLOG_CHECKPOINT, "does not verify with the log key");
    }

    @Test
    void rejectsACheckpointSignedUnderAnotherName() {
        String renamed = entry.inclusionProof().checkpoint().envelope().replace("\u2014 rekor.sigstore.dev ", "\u2014 rekor.example ");

        assertFails(() -> verifier.verify(withCheckpoint(renamed), BundleVersion.V0_3, root, expected),
                Check.TLOG_CHECKPOINT, "no signature by rekor.sigstore.dev");
    }

    @Test
    void rejectsAnEditedCheckpointText() {
        String edited = entry.inclusionProof().checkpoint().envelope().replace("\n\n", "\nextension\n\n");

        assertFails(() -> verifier.verify(withCheckpoint(edited), BundleVersion.V0_3, root, expected),
                Check.TLOG_CHECKPOINT, "does not verify");
    }

    @Test
    void rejectsACheckpointWithoutSignatures() {
        String envelope = entry.inclusionProof().checkpoint().envelope();
        String unsigned = envelope.substring(0, envelope.indexOf("\n\n") + 2);

        assertFails(() -> verifier.verify(withCheckpoint(unsigned), BundleVersion.V0_3, root, expected),
                Check.TLOG_CHECKPOINT, "no signature lines");
    }

    @Test
    void requiresACheckpointOnEveryInclusionProof() {
        // The checkpoint is a required member of an inclusion proof in every bundle version (sigstore-go and
        // sigstore-js refuse a proof without one, even beside a valid SET in a v0.1 bundle).
        for (BundleVersion version : BundleVersion.values()) {
            assertFails(() -> verifier.verify(withProof(p -> new InclusionProof(p.logIndex(), p.rootHash(), p.treeSize(), p.hashes(), null)),
                    version, root, expected), Check.TLOG_CHECKPOINT, "has no checkpoint");
        }
    }

    private TransparencyLogEntry withPromise(InclusionPromise promise) {
        return new TransparencyLogEntry(entry.logIndex(), entry.logId(), entry.kindVersion(), entry.integratedTime(), promise,
                entry.inclusionProof(), entry.canonicalizedBody());
    }

    private TransparencyLogEntry withKind(KindVersion kindVersion) {
        return new TransparencyLogEntry(entry.logIndex(), entry.logId(), kindVersion, entry.integratedTime(), entry.inclusionPromise(),
                entry.inclusionProof(), entry.canonicalizedBody());
    }

    private TransparencyLogEntry withProof(UnaryOperator<InclusionProof> edit) {
        return new TransparencyLogEntry(entry.logIndex(), entry.logId(), entry.kindVersion(), entry.integratedTime(),
                entry.inclusionPromise(), edit.apply(entry.inclusionProof()), entry.canonicalizedBody());
    }

    private TransparencyLogEntry withCheckpoint(String envelope) {
        return withProof(p -> new InclusionProof(p.logIndex(), p.rootHash(), p.treeSize(), p.hashes(), new Checkpoint(envelope)));
    }

    /** The public-good root with the rekor.sigstore.dev log edited. */
    private static TrustedRoot editRoot(java.util.function.Consumer<ObjectNode> editLog) {
        try {
            ObjectNode json = (ObjectNode) JsonCodec.readTree(
                    TrustedRoot.publicGoodJson(), "root");
            for (var log : json.path("tlogs")) {
                if (log.path("baseUrl").asText().equals("https://rekor.sigstore.dev")) {
                    editLog.accept((ObjectNode) log);
                }
            }
            return TrustedRoot.parse(JsonCodec.write(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFails(ThrowingCallable call, Check check, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> {
            assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
        });
    }
}
