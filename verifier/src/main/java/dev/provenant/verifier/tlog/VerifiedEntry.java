package dev.provenant.verifier.tlog;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.trust.TransparencyLog;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@link TlogEntryVerifier} established about one log entry.
 *
 * @param logIndex the entry's index in the log
 * @param integratedTime seconds since the epoch as the entry states it; 0 for Rekor v2, which has none
 * @param type the entry's kind and version
 * @param log the trusted log that holds the entry
 * @param setVerified the signed entry timestamp was verified, so {@code integratedTime} is signed by the log
 * @param inclusionProofVerified the Merkle inclusion proof was recomputed to its root hash
 * @param checkpointVerified that root hash is in a checkpoint signed by the log
 * @param treeSize the size of the tree the proof is for; 0 without a proof
 */
public record VerifiedEntry(
        long logIndex,
        long integratedTime,
        EntryType type,
        TransparencyLog log,
        boolean setVerified,
        boolean inclusionProofVerified,
        boolean checkpointVerified,
        long treeSize) {

    public String baseUrl() {
        return log.baseUrl();
    }

    /**
     * The integrated time, present only when the log signed it (a verified SET). An integrated time
     * carried beside an inclusion proof alone is not signed by anyone and must not be used as a
     * signing time.
     */
    public Optional<Instant> signedIntegratedTime() {
        return setVerified ? Optional.of(Instant.ofEpochSecond(integratedTime)) : Optional.empty();
    }

    /**
     * Checks the log's key was trusted at {@code time}. Rekor v2 entries carry no integrated time, so
     * the caller checks them at the time a verified RFC 3161 timestamp gives.
     */
    public void requireLogKeyValidAt(Instant time) throws VerificationException {
        if (!log.publicKey().validFor().contains(time)) {
            throw new VerificationException(Check.TLOG_KEY, "log key of " + log.baseUrl() + " is not valid at " + time
                    + " (trusted for " + log.publicKey().validFor() + ")");
        }
    }
}
