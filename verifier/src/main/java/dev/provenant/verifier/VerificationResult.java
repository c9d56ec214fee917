package dev.provenant.verifier;

import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a successful verification established, for printing and for policies that build on it.
 *
 * @param bundleVersion the bundle's media type version
 * @param content {@code message-signature} or {@code dsse}
 * @param algorithm the signature scheme of the verifying key
 * @param keyFingerprint hex SHA-256 of the verifying key's SubjectPublicKeyInfo
 * @param artifacts the artifact digests that matched
 * @param statement the verified in-toto statement, for DSSE bundles
 * @param tlogEntries the transparency log entries that verified
 * @param timestamps the verified RFC 3161 timestamps
 * @param checks the checks that passed, in order
 */
public record VerificationResult(
        BundleVersion bundleVersion,
        String content,
        SignatureAlgorithm algorithm,
        String keyFingerprint,
        List<Digest> artifacts,
        Optional<Statement> statement,
        List<VerifiedLogEntry> tlogEntries,
        List<Instant> timestamps,
        List<Check> checks) {

    /** One verified transparency log entry. */
    public record VerifiedLogEntry(long logIndex, Instant integratedTime, String logId, boolean inclusionProofChecked,
            boolean signedEntryTimestampChecked) {}

    public VerificationResult {
        artifacts = List.copyOf(artifacts);
        tlogEntries = List.copyOf(tlogEntries);
        timestamps = List.copyOf(timestamps);
        checks = List.copyOf(checks);
    }
}
