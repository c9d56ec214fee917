package dev.provenant.maven;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.frontend.FrontEnd;
import dev.provenant.frontend.Hints;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.TrustInputs;
import dev.provenant.verifier.SignerTrust;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;

/** Maps a goal's trust parameters onto the front end shared with the CLI, and its failures onto the goal's. */
final class TrustSettings {
    static final Hints HINTS = new Hints(FrontEnd.MAVEN);

    private TrustSettings() {}

    static SignerTrust signer(TrustInputs inputs) throws MojoExecutionException {
        try {
            return inputs.signer(HINTS);
        } catch (SetupException | InputTooLargeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read public key " + inputs.key() + ": " + e.getMessage(), e);
        }
    }

    /** The named trusted root, else the public-good root (see {@link RootSelection}). */
    static RootSelection root(File trustedRoot) throws MojoExecutionException {
        try {
            return RootSelection.of(trustedRoot == null ? null : trustedRoot.toPath(), System.getenv());
        } catch (SetupException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("trusted root " + trustedRoot + ": " + e.getMessage(), e);
        }
    }
}
