package dev.provenant.verifier.timestamp;

import dev.provenant.verifier.trust.CertificateAuthority;
import java.time.Instant;

/**
 * A verified RFC 3161 timestamp: the time a trusted timestamp authority attests the signature existed.
 *
 * @param time the token's {@code genTime}
 * @param authority the trusted root's timestamp authority whose chain verified the token
 */
public record VerifiedTimestamp(Instant time, CertificateAuthority authority) {
}
