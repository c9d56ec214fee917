package dev.provenant.verifier;

import dev.provenant.verifier.check.Check;

import dev.provenant.attest.bundle.BundleVersion;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.verifier.identity.CertificateIdentity;
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
 * @param identity the certified signer identity, for keyless bundles
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
        Optional<CertifiedSigner> identity,
        List<Digest> artifacts,
        Optional<Statement> statement,
        List<VerifiedLogEntry> tlogEntries,
        List<VerifiedTime> timestamps,
        List<Check> checks) {

    /** One verified transparency log entry; {@code integratedTime} is null when the log signed none (Rekor v2). */
    public record VerifiedLogEntry(long logIndex, Instant integratedTime, String log, boolean inclusionProofChecked,
            boolean signedEntryTimestampChecked) {}

    /** A verified RFC 3161 timestamp and the authority that signed it. */
    public record VerifiedTime(Instant time, String authority) {}

    /** The Fulcio-certified identity of a keyless signer and the CA that certified it. */
    public record CertifiedSigner(CertificateIdentity identity, String certificateAuthority, int verifiedScts) {}

    public VerificationResult {
        artifacts = List.copyOf(artifacts);
        tlogEntries = List.copyOf(tlogEntries);
        timestamps = List.copyOf(timestamps);
        checks = List.copyOf(checks);
    }
}
