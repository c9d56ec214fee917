package dev.provenant.supplychain.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * The signer a catalog entry requires of a component: the certificate identity its Sigstore bundle must have
 * verified with and, when given, the OIDC issuer. Compared exactly.
 */
public record CatalogSigner(String identity, Optional<String> issuer) {
    public CatalogSigner {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("a signer identity is not empty");
        }
    }

    public String describe() {
        return identity + issuer.map(i -> " (" + i + ")").orElse("");
    }
}
