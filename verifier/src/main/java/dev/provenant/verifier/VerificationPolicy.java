package dev.provenant.verifier;

import dev.provenant.verifier.identity.IdentityPolicy;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller trusts and expects: who must have signed, whether a transparency log entry is
 * required, whether the bundle must hold an in-toto statement, and the predicate type that statement
 * must have. {@link BundleVerifier} enforces every part; callers add no checks of their own.
 *
 * @param signer the trusted key or keyless identity
 * @param requireTlog fail when the bundle has no transparency log entry (present entries are always
 *     verified; keyless bundles always need one)
 * @param predicateType when set, the bundle must hold a DSSE in-toto statement whose predicateType equals it
 * @param requireStatement fail when the bundle holds a message signature instead of a DSSE in-toto
 *     statement (implied by a predicate type)
 */
public record VerificationPolicy(SignerTrust signer, boolean requireTlog, Optional<String> predicateType, boolean requireStatement) {
    public VerificationPolicy {
        Objects.requireNonNull(signer, "a trusted key or identity is required");
        predicateType = predicateType == null ? Optional.empty() : predicateType;
        requireStatement = requireStatement || predicateType.isPresent();
    }

    /** A policy that accepts a message signature as well as a statement, unless a predicate type is given. */
    public VerificationPolicy(SignerTrust signer, boolean requireTlog, Optional<String> predicateType) {
        this(signer, requireTlog, predicateType, false);
    }

    public static VerificationPolicy ofKey(PublicKey key) {
        return new VerificationPolicy(new SignerTrust.Key(key), false, Optional.empty());
    }

    public static VerificationPolicy ofIdentity(IdentityPolicy identity) {
        return new VerificationPolicy(new SignerTrust.Identity(identity), true, Optional.empty());
    }

    public VerificationPolicy requiringTlog(boolean required) {
        return new VerificationPolicy(signer, required, predicateType, requireStatement);
    }

    /** This policy, also requiring a DSSE in-toto statement with this predicate type ({@code null}: any type). */
    public VerificationPolicy withPredicateType(String type) {
        return new VerificationPolicy(signer, requireTlog, Optional.ofNullable(type), requireStatement);
    }

    /** This policy, also requiring the bundle to hold a DSSE in-toto statement, not a message signature. */
    public VerificationPolicy requiringStatement() {
        return new VerificationPolicy(signer, requireTlog, predicateType, true);
    }
}
