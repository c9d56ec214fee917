package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.timestamp.VerifiedTimestamp;
import dev.provenant.verifier.tlog.ExpectedBody;
import dev.provenant.verifier.tlog.TlogEntryVerifier;
import dev.provenant.verifier.tlog.VerifiedEntry;
import dev.provenant.verifier.trust.TrustedRoot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies every transparency log entry and RFC 3161 timestamp of a bundle against one trusted root,
 * and collects the times they prove the signature existed at: integrated times the log signed, and
 * timestamp times. Certificates are later checked at exactly these times.
 */
final class LogEvidence {
    record Outcome(List<VerificationResult.VerifiedLogEntry> entries, List<VerifiedTimestamp> timestamps,
            List<Instant> signingTimes, List<Check> checks) {}

    private final TlogEntryVerifier entries;
    private final Rfc3161TimestampVerifier timestamps;

    LogEvidence(TlogEntryVerifier entries, Rfc3161TimestampVerifier timestamps) {
        this.entries = entries;
        this.timestamps = timestamps;
    }

    Outcome verify(Bundle bundle, TrustedRoot root, ExpectedBody expected, byte[] signature) throws VerificationException {
        Set<Check> checks = new LinkedHashSet<>();
        List<VerificationResult.VerifiedLogEntry> verified = new ArrayList<>();
        List<VerifiedEntry> undated = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<VerifiedEntry> dated = new ArrayList<>();
        for (TransparencyLogEntry entry : bundle.verificationMaterial().tlogEntries()) {
            VerifiedEntry v = entries.verify(entry, bundle.version(), root, expected);
            // One log's signed time for this signature is one piece of evidence: as sigstore-js does, a second
            // entry of the same log with the same signed integrated time is refused.
            if (v.signedIntegratedTime().isPresent()) {
                for (VerifiedEntry earlier : dated) {
                    if (earlier.log().equals(v.log()) && earlier.signedIntegratedTime().equals(v.signedIntegratedTime())) {
                        throw new VerificationException(Check.TLOG_TIME, "duplicate transparency log entry: entries "
                                + earlier.logIndex() + " and " + v.logIndex() + " of " + v.baseUrl() + " vouch for the same time "
                                + v.signedIntegratedTime().get());
                    }
                }
                dated.add(v);
            }
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
            v.signedIntegratedTime().ifPresentOrElse(times::add, () -> undated.add(v));
            verified.add(new VerificationResult.VerifiedLogEntry(v.logIndex(), v.signedIntegratedTime().orElse(null),
                    v.baseUrl(), v.inclusionProofVerified() && v.checkpointVerified(), v.setVerified()));
        }
        List<VerifiedTimestamp> stamped = new ArrayList<>();
        for (Rfc3161Timestamp timestamp : bundle.verificationMaterial().rfc3161Timestamps()) {
            VerifiedTimestamp t = timestamps.verify(timestamp, signature, root);
            // One authority's timestamp at one time is one piece of evidence however it is encoded (a whole
            // TimeStampResp or the bare token): as sigstore-js does, a second one is refused.
            for (VerifiedTimestamp earlier : stamped) {
                if (earlier.time().equals(t.time()) && earlier.authority().equals(t.authority())) {
                    throw new VerificationException(Check.TIMESTAMP, "duplicate RFC 3161 timestamp: two timestamps of "
                            + describe(t) + " at " + t.time());
                }
            }
            stamped.add(t);
            times.add(t.time());
            checks.add(Check.TIMESTAMP);
        }
        // An entry without a signed integrated time (Rekor v2) says nothing about when its log key was
        // used; a verified timestamp has to place it inside the key's validity.
        for (VerifiedEntry v : undated) {
            if (stamped.isEmpty()) {
                throw new VerificationException(Check.TLOG_TIME, "log entry " + v.logIndex()
                        + " has no signed integrated time and the bundle has no RFC 3161 timestamp to date it");
            }
            for (VerifiedTimestamp t : stamped) {
                v.requireLogKeyValidAt(t.time());
            }
        }
        return new Outcome(verified, stamped, times, List.copyOf(checks));
    }

    private static String describe(VerifiedTimestamp t) {
        if (t.authority().uri() != null && !t.authority().uri().isEmpty()) {
            return t.authority().uri();
        }
        return t.authority().subject() == null ? "one authority" : t.authority().subject().commonName();
    }
}
