package dev.provenant.verifier;

import dev.provenant.verifier.identity.IdentityPolicy;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller trusts and expects: who must have signed, whether a transparency log entry is
 * required, and the predicate type a DSSE statement must have.
 *
 * @param signer the trusted key or keyless identity
 * @param requireTlog fail when the bundle has no transparency log entry (present entries are always
 *     verified; keyless bundles always need one)
 * @param predicateType when set, the statement's predicateType must equal it
 */
public record VerificationPolicy(SignerTrust signer, boolean requireTlog, Optional<String> predicateType) {
    public VerificationPolicy {
        Objects.requireNonNull(signer, "a trusted key or identity is required");
        predicateType = predicateType == null ? Optional.empty() : predicateType;
    }

    public static VerificationPolicy ofKey(PublicKey key) {
        return new VerificationPolicy(new SignerTrust.Key(key), false, Optional.empty());
    }

    public static VerificationPolicy ofIdentity(IdentityPolicy identity) {
        return new VerificationPolicy(new SignerTrust.Identity(identity), true, Optional.empty());
    }

    public VerificationPolicy requiringTlog(boolean required) {
        return new VerificationPolicy(signer, required, predicateType);
    }

    public VerificationPolicy withPredicateType(String type) {
        return new VerificationPolicy(signer, requireTlog, Optional.ofNullable(type));
    }
}
