package dev.provenant.signer.keyless;

import java.util.Optional;

/** One place an OIDC identity token can come from: a file, a CI system, an environment variable, a browser. */
public interface IdentityTokenSource {
    /** A short name for messages, for example "GitHub Actions". */
    String name();

    /**
     * Why this source does not apply here (its variables are not set, no terminal is attached), or
     * empty when it applies and {@link #fetch()} should be tried.
     */
    Optional<String> unavailableBecause();

    /** Gets a token; only called when {@link #unavailableBecause()} is empty. */
    IdentityToken fetch() throws IdentityTokenException;
}
