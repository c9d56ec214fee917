package dev.provenant.verifier;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.Digest;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.timestamp.VerifiedTimestamp;
import dev.provenant.verifier.tlog.ExpectedBody;
import dev.provenant.verifier.tlog.SigningMaterial;
import dev.provenant.verifier.tlog.TlogEntryVerifier;
import dev.provenant.verifier.tlog.VerifiedEntry;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies every transparency log entry and RFC 3161 timestamp of a key-signed bundle against one
 * trusted root: each entry's body must record this bundle's signature, key and digest, and its SET,
 * inclusion proof and checkpoint must verify with the root's log keys.
 */
public final class TrustRootTransparencyChecks implements TransparencyChecks {
    private final TrustedRoot root;
    private final TlogEntryVerifier entries;
    private final Rfc3161TimestampVerifier timestamps;

    public TrustRootTransparencyChecks(TrustedRoot root, TlogEntryVerifier entries, Rfc3161TimestampVerifier timestamps) {
        this.root = root;
        this.entries = entries;
        this.timestamps = timestamps;
    }

    public TrustRootTransparencyChecks(TrustedRoot root) {
        this(root, new TlogEntryVerifier(), new Rfc3161TimestampVerifier());
    }

    @Override
    public Outcome verify(Bundle bundle, PublicKey key, byte[] signature, Digest artifactDigest) throws VerificationException {
        Set<Check> checks = new LinkedHashSet<>();
        List<VerificationResult.VerifiedLogEntry> verified = new ArrayList<>();
        List<VerifiedEntry> unsignedTime = new ArrayList<>();
        SigningMaterial signer = SigningMaterial.ofKey(key);
        ExpectedBody expected = bundle.messageSignature() != null
                ? ExpectedBody.messageSignature(artifactDigest, signature, signer)
                : ExpectedBody.envelope(bundle.dsseEnvelope(), signer);
        for (TransparencyLogEntry entry : bundle.verificationMaterial().tlogEntries()) {
            VerifiedEntry v = entries.verify(entry, bundle.version(), root, expected);
            checks.add(Check.TLOG_KEY);
            checks.add(Check.TLOG_BODY);
            if (v.setVerified()) {
                checks.add(Check.TLOG_SET);
            }
            if (v.inclusionProofVerified()) {
                checks.add(Check.TLOG_INCLUSION_PROOF);
            }
            if (v.checkpointVerified()) {
                checks.add(Check.TLOG_CHECKPOINT);
            }
            checks.add(Check.TLOG_TIME);
            if (v.signedIntegratedTime().isEmpty()) {
                unsignedTime.add(v);
            }
            verified.add(new VerificationResult.VerifiedLogEntry(v.logIndex(), v.signedIntegratedTime().orElse(null),
                    Base64.getEncoder().encodeToString(entry.logId().keyIdBytes()), v.inclusionProofVerified()
                            && v.checkpointVerified(), v.setVerified()));
        }
        List<Instant> times = new ArrayList<>();
        for (Rfc3161Timestamp timestamp : bundle.verificationMaterial().rfc3161Timestamps()) {
            VerifiedTimestamp t = timestamps.verify(timestamp, signature, root);
            times.add(t.time());
            checks.add(Check.TIMESTAMP);
        }
        // An entry without a signed integrated time (Rekor v2) says nothing about when its log key was
        // used; a verified timestamp has to place it inside the key's validity.
        for (VerifiedEntry v : unsignedTime) {
            if (times.isEmpty()) {
                throw new VerificationException(Check.TLOG_TIME, "log entry " + v.logIndex()
                        + " has no signed integrated time and the bundle has no RFC 3161 timestamp to date it");
            }
            for (Instant t : times) {
                v.requireLogKeyValidAt(t);
            }
        }
        return new Outcome(verified, times, List.copyOf(checks));
    }
}
