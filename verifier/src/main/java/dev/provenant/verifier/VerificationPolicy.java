package dev.provenant.verifier;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller trusts and expects: the public key that must have signed, whether a transparency
 * log entry is required, and the predicate type a DSSE statement must have.
 *
 * @param key the trusted public key
 * @param requireTlog fail when the bundle has no transparency log entry (present entries are always verified)
 * @param predicateType when set, the statement's predicateType must equal it
 */
public record VerificationPolicy(PublicKey key, boolean requireTlog, Optional<String> predicateType) {
    public VerificationPolicy {
        Objects.requireNonNull(key, "a verification key is required");
        predicateType = predicateType == null ? Optional.empty() : predicateType;
    }

    public static VerificationPolicy ofKey(PublicKey key) {
        return new VerificationPolicy(key, false, Optional.empty());
    }

    public VerificationPolicy requiringTlog(boolean required) {
        return new VerificationPolicy(key, required, predicateType);
    }

    public VerificationPolicy withPredicateType(String type) {
        return new VerificationPolicy(key, requireTlog, Optional.ofNullable(type));
    }
}
