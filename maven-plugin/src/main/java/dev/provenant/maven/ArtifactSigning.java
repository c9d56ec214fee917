package dev.provenant.maven;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/** The sign goal's view of what it signs with: a key, or a keyless identity. Failures come back as the goal's own. */
interface ArtifactSigning extends AutoCloseable {
    /** A message-signature bundle over the file's SHA-256 digest. */
    Bundle signArtifact(Path file) throws MojoExecutionException, IOException;

    /** A DSSE bundle over the statement. */
    Bundle attest(Statement statement) throws MojoExecutionException;

    /** What signed, for the build log; for keyless, the identity once a token was fetched. */
    String description();

    @Override
    void close();

    static ArtifactSigning withKey(Signer signer) {
        BundleSigner bundles = new BundleSigner(signer, new ArtifactDigester());
        return new ArtifactSigning() {
            @Override
            public Bundle signArtifact(Path file) throws MojoExecutionException, IOException {
                try {
                    return bundles.signArtifact(file);
                } catch (SigningException e) {
                    throw new MojoExecutionException("signing failed: " + e.getMessage(), e);
                }
            }

            @Override
            public Bundle attest(Statement statement) throws MojoExecutionException {
                try {
                    return bundles.attest(statement);
                } catch (SigningException e) {
                    throw new MojoExecutionException("signing failed: " + e.getMessage(), e);
                }
            }

            @Override
            public String description() {
                return signer.description();
            }

            @Override
            public void close() {
                signer.close();
            }
        };
    }

    /**
     * Keyless signing through the library's signer; the identity token is fetched when the first file is
     * signed, and a missing one fails the goal with the list of sources tried.
     */
    static ArtifactSigning keyless(KeylessBundleSigning keyless, String tokenHint) {
        ArtifactDigester digester = new ArtifactDigester();
        return new ArtifactSigning() {
            @Override
            public Bundle signArtifact(Path file) throws MojoExecutionException, IOException {
                try {
                    return keyless.signDigest(digester.digest(file, DigestAlgorithm.SHA256));
                } catch (SigningException e) {
                    throw new MojoExecutionException("keyless signing failed: " + e.getMessage(), e);
                } catch (IdentityTokenException e) {
                    throw noToken(e);
                }
            }

            @Override
            public Bundle attest(Statement statement) throws MojoExecutionException {
                try {
                    return keyless.attest(statement);
                } catch (KeylessConfigException e) {
                    throw new MojoExecutionException("cannot sign the provenance keyless: " + e.getMessage()
                            + "; sign against an instance that has them (<signingConfig> and <trustedRoot>),"
                            + " or leave the provenance goal out of keyless builds", e);
                } catch (SigningException e) {
                    throw new MojoExecutionException("keyless signing failed: " + e.getMessage(), e);
                } catch (IdentityTokenException e) {
                    throw noToken(e);
                }
            }

            private MojoExecutionException noToken(IdentityTokenException e) {
                return new MojoExecutionException(e.getMessage() + tokenHint, e);
            }

            @Override
            public String description() {
                return keyless.identity().map(t -> "keyless identity " + t.subject() + " (issuer " + t.issuer()
                        + ", token from " + t.source() + ")").orElse("keyless signing (no identity token fetched)");
            }

            @Override
            public void close() {
                keyless.close();
            }
        };
    }
}
