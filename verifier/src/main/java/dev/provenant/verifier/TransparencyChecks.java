package dev.provenant.verifier;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a bundle's transparency log entries and RFC 3161 timestamps against a trusted root. Every
 * entry and timestamp present is verified; absence is the caller's policy to judge.
 */
public interface TransparencyChecks {
    record Outcome(List<VerificationResult.VerifiedLogEntry> entries, List<Instant> timestamps, List<Check> checks) {}

    /**
     * @param signature the bundle's signature bytes (message signature or the DSSE signature)
     * @param artifactDigest the artifact's SHA-256 for message signatures; null for DSSE bundles
     */
    Outcome verify(Bundle bundle, PublicKey key, byte[] signature, Digest artifactDigest) throws VerificationException;
}
