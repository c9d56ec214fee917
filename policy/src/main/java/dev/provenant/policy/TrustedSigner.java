package dev.provenant.policy;

import dev.provenant.verifier.SignerTrust;
import java.util.Objects;

/**
 * One signer a policy trusts for a piece of evidence: a public key (from a file, inline PEM, or the
 * public key of a KMS key) or a keyless identity.
 *
 * @param name how the signer is called in verdicts
 * @param trust what a bundle is verified with
 */
public record TrustedSigner(String name, SignerTrust trust) {
    public TrustedSigner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trust, "trust");
    }
}
