package dev.provenant.maven;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.frontend.ImageSigning;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.Signing;
import dev.provenant.oci.ImageVerifier;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.RegistryException;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessConfigException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The sign goal's view of what it signs with (see {@link Signing}): a key, or a keyless identity whose
 * token is fetched when the first file is signed. Failures come back as the goal's own, with hints that
 * name the goal's parameters.
 */
final class ArtifactSigning implements AutoCloseable {
    private final Signing signing;
    /** For keyless signing, what to do when no identity token was found; empty for a key. */
    private final String tokenHint;
    private final ArtifactDigester digester = new ArtifactDigester();

    private ArtifactSigning(Signing signing, String tokenHint) {
        this.signing = signing;
        this.tokenHint = tokenHint;
    }

    static ArtifactSigning withKey(dev.provenant.signer.Signer signer) {
        return new ArtifactSigning(Signing.withKey(signer), "");
    }

    static ArtifactSigning keyless(Signing keyless, String tokenHint) {
        return new ArtifactSigning(keyless, tokenHint);
    }

    /** A message-signature bundle over the file's SHA-256 digest. */
    Bundle signArtifact(Path file) throws MojoExecutionException, IOException {
        try {
            return signing.signArtifact(file, digester);
        } catch (SigningException e) {
            throw failed(e);
        } catch (IdentityTokenException e) {
            throw noToken(e);
        }
    }

    /** A DSSE bundle over the statement. */
    Bundle attest(Statement statement) throws MojoExecutionException {
        try {
            return signing.attest(statement);
        } catch (KeylessConfigException e) {
            throw new MojoExecutionException("cannot sign the provenance keyless: " + e.getMessage()
                    + "; sign against an instance that has them (<signingConfig> and <trustedRoot>),"
                    + " or leave the provenance goal out of keyless builds", e);
        } catch (SigningException e) {
            throw failed(e);
        } catch (IdentityTokenException e) {
            throw noToken(e);
        }
    }

    /** A DSSE bundle over a statement of {@code predicateType} about the resolved image (see {@link ImageSigning}), not yet published. */
    ImageSigning.Signed image(RegistryClient client, ImageVerifier.Resolved image, String predicateType, JsonNode predicate)
            throws MojoExecutionException, RegistryException, VerificationException, IOException, FormatException, SetupException {
        try {
            return ImageSigning.sign(client, image, signing, predicateType, predicate, false);
        } catch (KeylessConfigException e) {
            throw new MojoExecutionException("cannot sign the image keyless: " + e.getMessage()
                    + "; sign against an instance whose log records DSSE envelopes (<signingConfig> and <trustedRoot>)", e);
        } catch (SigningException e) {
            throw failed(e);
        } catch (IdentityTokenException e) {
            throw noToken(e);
        }
    }

    private MojoExecutionException failed(SigningException e) {
        return new MojoExecutionException((tokenHint.isEmpty() ? "signing failed: " : "keyless signing failed: ") + e.getMessage(), e);
    }

    private MojoExecutionException noToken(IdentityTokenException e) {
        return new MojoExecutionException(e.getMessage() + tokenHint, e);
    }

    /** What signed, for the build log; for keyless, the identity once a token was fetched. */
    String description() {
        return signing.description();
    }

    @Override
    public void close() {
        signing.close();
    }
}
