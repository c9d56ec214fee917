package dev.provenant.verifier.vsa;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.slsa.VerificationSummaryPredicate;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a SLSA Verification Summary Attestation as slsa-verifier's {@code verify-vsa} does, following
 * the VSA specification's "How to verify": the envelope's signature by the trusted key (or, in a Sigstore
 * bundle, by a key or a keyless identity), the payload type, the predicate type, then the claims: each
 * expected digest among the subjects' digests, the verifier id, the resource URI, a {@code PASSED}
 * result, and the verified levels. The first check that does not hold ends verification with a
 * {@link VerificationException} naming it. The statement is parsed from the very bytes whose signature
 * was verified; duplicate JSON member names anywhere in the envelope or the statement are refused.
 *
 * <p>A bare DSSE envelope may carry several signatures: one that verifies with the key is enough. A
 * signature carrying a {@code keyid} counts only when it is the expected key id ({@link VsaTrust#publicKeyId},
 * else {@link DefaultKeyId}), as go-securesystemslib's envelope verifier decides.
 */
public final class VsaVerifier {
    private final BundleVerifier bundles;
    private final SignatureVerifier signatures = new SignatureVerifier();

    /** @param bundles verifies VSAs given in Sigstore bundles (its trusted root serves keyless ones) */
    public VsaVerifier(BundleVerifier bundles) {
        this.bundles = bundles;
    }

    /**
     * @param document the JSON of a DSSE envelope or of a Sigstore bundle holding one
     */
    public VerifiedVsa verify(byte[] document, VsaTrust trust, VsaExpectations expected) throws VerificationException {
        JsonValue root;
        try {
            root = JsonValue.parse(document, "VSA");
        } catch (FormatException e) {
            throw new VerificationException(Check.BUNDLE_FORMAT, e.getMessage());
        }
        if (!root.isObject()) {
            throw new VerificationException(Check.BUNDLE_FORMAT, "the VSA is neither a DSSE envelope nor a Sigstore bundle: not a JSON object");
        }
        List<Check> passed = new ArrayList<>();
        Envelope envelope;
        Optional<VerificationResult> bundleResult = Optional.empty();
        Optional<String> keyId;
        String fingerprint;
        if (root.hasNonNull("mediaType")) {
            Bundle bundle;
            try {
                bundle = Bundle.parse(document);
            } catch (FormatException e) {
                throw new VerificationException(Check.BUNDLE_FORMAT, e.getMessage());
            }
            if (bundle.dsseEnvelope() == null) {
                throw new VerificationException(Check.STATEMENT, "the bundle holds a message signature, not a DSSE envelope with a VSA");
            }
            envelope = bundle.dsseEnvelope();
            if (trust.signer() instanceof SignerTrust.Key key) {
                keyId = requireKeyId(envelope.signatures().get(0), key.key(), trust);
            } else {
                keyId = Optional.ofNullable(envelope.signatures().get(0).keyid()).filter(k -> !k.isEmpty());
            }
            VerificationResult result = bundles.verifyStatement(bundle,
                    new VerificationPolicy(trust.signer(), trust.requireTlog(), Optional.empty(), true));
            passed.addAll(result.checks());
            bundleResult = Optional.of(result);
            fingerprint = result.keyFingerprint();
        } else {
            try {
                envelope = Envelope.fromJson(root);
            } catch (FormatException | IllegalArgumentException e) {
                throw new VerificationException(Check.BUNDLE_FORMAT, "DSSE envelope is malformed: " + e.getMessage());
            }
            if (!(trust.signer() instanceof SignerTrust.Key key)) {
                throw new VerificationException(Check.KEY, "a bare DSSE envelope carries no certificate for a keyless identity;"
                        + " verify it with the signer's public key");
            }
            passed.add(Check.KEY);
            keyId = verifyEnvelope(envelope, key.key(), trust);
            passed.add(Check.SIGNATURE);
            if (trust.requireTlog()) {
                throw new VerificationException(Check.TLOG_REQUIRED, "a bare DSSE envelope has no transparency log entry");
            }
            fingerprint = HexFormat.of().formatHex(PemPublicKeys.fingerprint(key.key()));
        }

        if (!Statement.isPayloadType(envelope.payloadType())) {
            throw new VerificationException(Check.PAYLOAD_TYPE, "payloadType is '" + envelope.payloadType() + "', expected "
                    + Statement.PAYLOAD_TYPE);
        }
        addOnce(passed, Check.PAYLOAD_TYPE);
        byte[] payload = envelope.payloadBytes();
        Statement statement;
        if (bundleResult.isPresent() && bundleResult.get().statement().isPresent()) {
            statement = bundleResult.get().statement().get();
        } else {
            try {
                statement = Statement.parse(payload);
            } catch (FormatException e) {
                throw new VerificationException(Check.STATEMENT, e.getMessage());
            }
        }
        addOnce(passed, Check.STATEMENT);
        if (!VerificationSummaryPredicate.TYPE.equals(statement.predicateType())) {
            throw new VerificationException(Check.PREDICATE_TYPE, "predicateType is '" + statement.predicateType() + "', expected '"
                    + VerificationSummaryPredicate.TYPE + "'");
        }
        passed.add(Check.PREDICATE_TYPE);
        VsaClaims claims = VsaClaims.of(statement.predicate());

        for (SubjectDigest digest : expected.subjectDigests()) {
            if (!names(statement.subject(), digest)) {
                throw new VerificationException(Check.SUBJECT_DIGEST, digest + " is not a digest of any of the VSA's "
                        + statement.subject().size() + " subject(s)");
            }
        }
        passed.add(Check.SUBJECT_DIGEST);
        if (claims.verifierId().isEmpty()) {
            throw new VerificationException(Check.VSA_VERIFIER, "the VSA names no verifier.id");
        }
        if (!expected.verifierId().equals(claims.verifierId())) {
            throw new VerificationException(Check.VSA_VERIFIER, "verifier.id is '" + claims.verifierId() + "', expected '"
                    + expected.verifierId() + "'");
        }
        passed.add(Check.VSA_VERIFIER);
        if (claims.resourceUri().isEmpty()) {
            throw new VerificationException(Check.VSA_RESOURCE_URI, "the VSA names no resourceUri");
        }
        if (!expected.resourceUri().equals(claims.resourceUri())) {
            throw new VerificationException(Check.VSA_RESOURCE_URI, "resourceUri is '" + claims.resourceUri() + "', expected '"
                    + expected.resourceUri() + "'");
        }
        passed.add(Check.VSA_RESOURCE_URI);
        if (!VerificationSummaryPredicate.PASSED.equals(claims.result())) {
            throw new VerificationException(Check.VSA_RESULT, "verificationResult is '" + claims.result() + "', not "
                    + VerificationSummaryPredicate.PASSED);
        }
        passed.add(Check.VSA_RESULT);
        Optional<String> unmet;
        try {
            unmet = VerifiedLevels.unmet(expected.verifiedLevels(), claims.levels());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.VSA_LEVELS, "the VSA's verifiedLevels are malformed: " + e.getMessage());
        }
        if (unmet.isPresent()) {
            throw new VerificationException(Check.VSA_LEVELS, unmet.get());
        }
        passed.add(Check.VSA_LEVELS);
        return new VerifiedVsa(bundleResult.isPresent() ? "bundle" : "dsse-envelope", fingerprint, keyId, statement, payload,
                claims.verifierId(), claims.resourceUri(), claims.levels(), bundleResult, passed);
    }

    /** The first signature that verifies with the key and whose key id, when it carries one, is the expected one. */
    private Optional<String> verifyEnvelope(Envelope envelope, PublicKey key, VsaTrust trust) throws VerificationException {
        Optional<String> expectedId = expectedKeyId(key, trust);
        byte[] pae = envelope.pae();
        List<String> otherIds = new ArrayList<>();
        for (EnvelopeSignature signature : envelope.signatures()) {
            String id = signature.keyid();
            if (id != null && !id.isEmpty() && expectedId.isPresent() && !id.equals(expectedId.get())) {
                otherIds.add(id);
                continue;
            }
            if (signatures.verifyMessage(key, pae, signature.signatureBytes())) {
                return Optional.ofNullable(id).filter(k -> !k.isEmpty());
            }
        }
        if (otherIds.size() == envelope.signatures().size()) {
            throw new VerificationException(Check.SIGNATURE, "no signature is by key id '" + expectedId.orElse("")
                    + "' (" + (trust.publicKeyId().isPresent() ? "--public-key-id" : "the key's default id; give --public-key-id")
                    + "): the envelope's signatures carry " + otherIds);
        }
        throw new VerificationException(Check.SIGNATURE, "no DSSE signature verifies with the given key"
                + (otherIds.isEmpty() ? "" : " (signatures with key ids " + otherIds + " were not tried)"));
    }

    /** The key id check for a bundle's one signature, which the bundle verifier then verifies. */
    private static Optional<String> requireKeyId(EnvelopeSignature signature, PublicKey key, VsaTrust trust)
            throws VerificationException {
        String id = signature.keyid();
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> expectedId = expectedKeyId(key, trust);
        if (expectedId.isPresent() && !id.equals(expectedId.get())) {
            throw new VerificationException(Check.SIGNATURE, "the signature is by key id '" + id + "', expected '" + expectedId.get()
                    + "'" + (trust.publicKeyId().isPresent() ? "" : " (the key's default id; give --public-key-id)"));
        }
        return Optional.of(id);
    }

    private static Optional<String> expectedKeyId(PublicKey key, VsaTrust trust) {
        return trust.publicKeyId().isPresent() ? trust.publicKeyId() : DefaultKeyId.of(key);
    }

    private static boolean names(List<ResourceDescriptor> subjects, SubjectDigest digest) {
        for (ResourceDescriptor subject : subjects) {
            if (subject.digestHex(digest.algorithm()).filter(digest.value()::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static void addOnce(List<Check> passed, Check check) {
        if (!passed.contains(check)) {
            passed.add(check);
        }
    }
}
