package dev.provenant.verifier.tlog;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.trust.TransparencyLog;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies one transparency log entry of a Sigstore bundle offline, against a trusted root: the log is
 * trusted and its key was valid, the entry body records exactly the bundle's signature, signer and
 * digest, and the log vouched for the entry (a signed entry timestamp, and/or an inclusion proof ending
 * in a checkpoint the log signed). Each failure names its own {@link Check}.
 *
 * <p>Supported: Rekor v1 {@code hashedrekord 0.0.1}, {@code dsse 0.0.1}, {@code intoto 0.0.2}; Rekor v2
 * {@code hashedrekord 0.0.2} (also over DSSE) and {@code dsse 0.0.2}. Any other kind is refused.
 */
public final class TlogEntryVerifier {
    /** How far an integrated time may lie ahead of this machine's clock before it is refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Clock clock;
    private final SignatureVerifier signatures;

    public TlogEntryVerifier() {
        this(Clock.systemUTC());
    }

    public TlogEntryVerifier(Clock clock) {
        this(clock, new SignatureVerifier());
    }

    /** @param signatures shared with the bundle's other checks, so the log's key is converted once */
    public TlogEntryVerifier(Clock clock, SignatureVerifier signatures) {
        this.clock = clock;
        this.signatures = signatures;
    }

    public VerifiedEntry verify(TransparencyLogEntry entry, BundleVersion version, TrustedRoot root, ExpectedBody expected)
            throws VerificationException {
        EntryType type = EntryType.of(entry.kindVersion()).orElseThrow(() -> new VerificationException(Check.TLOG_BODY,
                "log entry kind " + entry.kindVersion().kind() + " " + entry.kindVersion().version() + " is not supported"));
        TransparencyLog log = root.tlogById(entry.logId().keyIdBytes()).orElseThrow(() -> new VerificationException(
                Check.TLOG_KEY, "log id " + entry.logId().keyId() + " is not a transparency log of the trusted root"));
        PublicKey logKey = logKey(log);
        if (!type.rekorV2()) {
            checkIntegratedTime(entry, log);
        }
        EntryBodyMatcher.match(entry.canonicalizedBodyBytes(), type, expected);
        boolean setVerified = checkPromise(entry, version, type, logKey);
        InclusionProof proof = entry.inclusionProof();
        boolean checkpointVerified = false;
        if (proof == null) {
            if (version != BundleVersion.V0_1 || type.rekorV2()) {
                throw new VerificationException(Check.TLOG_INCLUSION_PROOF, "log entry " + entry.logIndex()
                        + " has no inclusion proof, which a " + (type.rekorV2() ? "Rekor v2 entry" : "v0.2+ bundle") + " requires");
            }
        } else {
            checkInclusion(entry, proof);
            // The checkpoint is a required member of every inclusion proof, in v0.1 bundles too: a proof that
            // ends in no signed tree head proves nothing, and other verifiers refuse it.
            if (proof.checkpoint() == null) {
                throw new VerificationException(Check.TLOG_CHECKPOINT, "inclusion proof of log entry " + entry.logIndex()
                        + " has no checkpoint");
            }
            CheckpointVerifier.verify(proof.checkpoint().envelope(), proof, log, logKey, type, signatures);
            checkpointVerified = true;
        }
        if (!setVerified && !checkpointVerified) {
            // Without either, nothing signed by the log says the entry is in it.
            throw new VerificationException(Check.TLOG_INCLUSION_PROOF, "log entry " + entry.logIndex()
                    + " has neither a signed entry timestamp nor a signed checkpoint");
        }
        return new VerifiedEntry(entry.logIndex(), type.rekorV2() ? 0 : entry.integratedTime(), type, log, setVerified,
                proof != null, checkpointVerified, proof == null ? 0 : proof.treeSize());
    }

    private static PublicKey logKey(TransparencyLog log) throws VerificationException {
        if (!log.publicKey().validFor().hasStart()) {
            throw new VerificationException(Check.TLOG_KEY, "trusted root gives the key of log " + log.baseUrl()
                    + " no validFor.start, so it is never valid");
        }
        PublicKey key;
        try {
            key = log.publicKey().toPublicKey();
        } catch (FormatException e) {
            throw new VerificationException(Check.TLOG_KEY, "key of log " + log.baseUrl() + " is unreadable: " + e.getMessage());
        }
        String scheme;
        try {
            scheme = SignatureAlgorithm.forKey(key).sigstoreName();
        } catch (GeneralSecurityException e) {
            throw new VerificationException(Check.TLOG_KEY, "key of log " + log.baseUrl() + " is unusable: " + e.getMessage());
        }
        if (!scheme.equals(log.publicKey().keyDetails())) {
            throw new VerificationException(Check.TLOG_KEY, "key of log " + log.baseUrl() + " is a " + scheme
                    + " key but the trusted root says " + log.publicKey().keyDetails());
        }
        return key;
    }

    private void checkIntegratedTime(TransparencyLogEntry entry, TransparencyLog log) throws VerificationException {
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        if (!log.publicKey().validFor().contains(integrated)) {
            throw new VerificationException(Check.TLOG_KEY, "log key of " + log.baseUrl() + " is not valid at integrated time "
                    + integrated + " (trusted for " + log.publicKey().validFor() + ")");
        }
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if (integrated.isAfter(latest)) {
            throw new VerificationException(Check.TLOG_TIME, "integrated time " + integrated + " of log entry "
                    + entry.logIndex() + " is in the future");
        }
    }

    private boolean checkPromise(TransparencyLogEntry entry, BundleVersion version, EntryType type, PublicKey logKey)
            throws VerificationException {
        if (entry.inclusionPromise() == null) {
            if (version == BundleVersion.V0_1 && !type.rekorV2()) {
                throw new VerificationException(Check.TLOG_SET, "log entry " + entry.logIndex()
                        + " has no signed entry timestamp, which a v0.1 bundle requires");
            }
            return false;
        }
        if (type.rekorV2()) {
            // Rekor v2 signs no SET; one here was not made by the log, and an unverifiable promise must not pass silently.
            throw new VerificationException(Check.TLOG_SET, "log entry " + entry.logIndex()
                    + " is a Rekor v2 entry, which has no signed entry timestamp, yet carries one");
        }
        SignedEntryTimestamp.verify(entry, logKey, signatures);
        return true;
    }

    private static void checkInclusion(TransparencyLogEntry entry, InclusionProof proof) throws VerificationException {
        byte[] root;
        try {
            root = MerkleInclusion.rootFromProof(proof.logIndex(), proof.treeSize(),
                    MerkleInclusion.leafHash(entry.canonicalizedBodyBytes()), proof.hashBytes());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.TLOG_INCLUSION_PROOF, "inclusion proof of log entry " + entry.logIndex()
                    + " is invalid: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(root, proof.rootHashBytes())) {
            throw new VerificationException(Check.TLOG_INCLUSION_PROOF, "inclusion proof of log entry " + entry.logIndex()
                    + " does not lead to its root hash");
        }
    }
}
