package dev.provenant.supplychain.lock;

import dev.provenant.supplychain.DependencyOutcome;
import dev.provenant.supplychain.DependencyVerdict;
import java.util.Objects;
import java.util.Optional;

/**
 * The signer whose bundle verified for an artifact when it was locked: the certificate identity and, when the
 * certificate names one, its OIDC issuer.
 */
public record LockedSigner(String identity, Optional<String> issuer) {
    private static final String SIGNED_BY = "signed by ";

    public LockedSigner {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("a signer identity is not empty");
        }
    }

    /**
     * The signer a verified verdict names ({@code signed by IDENTITY (ISSUER)}, as {@code DependencyVerifier} and the
     * verdict cache record it); empty for any other verdict, or a verified one that names nobody.
     */
    public static Optional<LockedSigner> of(DependencyVerdict verdict) {
        String detail = verdict.detail();
        if (verdict.outcome() != DependencyOutcome.VERIFIED || !detail.startsWith(SIGNED_BY)) {
            return Optional.empty();
        }
        String rest = detail.substring(SIGNED_BY.length());
        int open = rest.lastIndexOf(" (");
        if (open > 0 && rest.endsWith(")")) {
            return Optional.of(new LockedSigner(rest.substring(0, open), Optional.of(rest.substring(open + 2, rest.length() - 1))));
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(new LockedSigner(rest, Optional.empty()));
    }

    public String describe() {
        return identity + issuer.map(i -> " (" + i + ")").orElse("");
    }
}
