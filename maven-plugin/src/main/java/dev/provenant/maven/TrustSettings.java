package dev.provenant.maven;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootChoice;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.maven.plugin.MojoExecutionException;

/** Turns a goal's trust parameters into the verifier's terms, with the same rules as the CLI's options. */
final class TrustSettings {
    private TrustSettings() {}

    static SignerTrust signer(File publicKey, String identity, String identityRegexp, String issuer, String issuerRegexp)
            throws MojoExecutionException {
        boolean keyless = identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
        if (publicKey != null && keyless) {
            throw new MojoExecutionException("configure either <publicKey> (key-signed bundles) or <certificateIdentity> and "
                    + "<certificateOidcIssuer> (keyless bundles), not both");
        }
        if (publicKey != null) {
            try {
                return new SignerTrust.Key(PemPublicKeys.parse(
                        BoundedFile.readString(publicKey.toPath(), InputLimit.KEY, StandardCharsets.US_ASCII)));
            } catch (InputTooLargeException e) {
                throw new MojoExecutionException(e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("cannot read public key " + publicKey + ": " + e.getMessage());
            } catch (FormatException e) {
                throw new MojoExecutionException(publicKey + ": " + e.getMessage());
            }
        }
        if (!keyless) {
            throw new MojoExecutionException("say who must have signed: <publicKey>, or <certificateIdentity> and "
                    + "<certificateOidcIssuer> (or their -Regexp forms)");
        }
        try {
            return new SignerTrust.Identity(IdentityPolicy.of(identity, identityRegexp, issuer, issuerRegexp));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    /** The named trusted root, else a fresh cached refresh of the public-good root, else the one shipped with Provenant. */
    static TrustedRootChoice root(File trustedRoot) throws MojoExecutionException {
        if (trustedRoot == null) {
            return TrustedRootChoice.publicGood(TrustedRootCache.standard(System.getenv()));
        }
        try {
            return TrustedRootChoice.fromFile(trustedRoot.toPath());
        } catch (IOException | FormatException e) {
            throw new MojoExecutionException("trusted root " + trustedRoot + ": " + e.getMessage());
        }
    }

    static TrustedRoot rootOrNull(TrustedRootChoice choice) {
        return choice == null ? null : choice.root();
    }
}
