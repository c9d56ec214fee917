package dev.provenant.cli;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** The signing commands' view of a backend: a key, or keyless signing. */
interface BundleSigning extends AutoCloseable {
    Bundle signArtifact(Path artifact, ArtifactDigester digester) throws IOException, SigningException, IdentityTokenException;

    Bundle signDigest(Digest digest) throws SigningException, IdentityTokenException;

    Bundle attest(Statement statement) throws SigningException, IdentityTokenException;

    /** For keyless signing, the identity token's issuer and subject once it was fetched. */
    default Optional<IdentityToken> identity() {
        return Optional.empty();
    }

    /** Adds the signer's identity to a command's {@code --json} result, when it has one. */
    default void describe(ObjectNode out) {
        identity().ifPresent(t -> {
            out.put("keyless", true);
            out.put("identity", t.subject());
            out.put("issuer", t.issuer());
            out.put("tokenSource", t.source());
        });
    }

    @Override
    void close();

    static BundleSigning withKey(Signer signer) {
        return new BundleSigning() {
            @Override
            public Bundle signArtifact(Path artifact, ArtifactDigester digester) throws IOException, SigningException {
                return new BundleSigner(signer, digester).signArtifact(artifact);
            }

            @Override
            public Bundle signDigest(Digest digest) throws SigningException {
                return new BundleSigner(signer, new ArtifactDigester()).signDigest(digest);
            }

            @Override
            public Bundle attest(Statement statement) throws SigningException {
                return new BundleSigner(signer, new ArtifactDigester()).attest(statement);
            }

            @Override
            public void close() {
                signer.close();
            }
        };
    }

    /**
     * Keyless signing that says on stderr which source gave the identity token, and for whom, once the
     * bundle is signed (never the token); when signing fails after the token was fetched, the one-line
     * error names the source instead.
     */
    static BundleSigning keyless(KeylessBundleSigning keyless, PrintWriter err) {
        return new BundleSigning() {
            @Override
            public Bundle signArtifact(Path artifact, ArtifactDigester digester)
                    throws IOException, SigningException, IdentityTokenException {
                return signDigest(digester.digest(artifact, DigestAlgorithm.SHA256));
            }

            @Override
            public Bundle signDigest(Digest digest) throws SigningException, IdentityTokenException {
                try {
                    return announced(keyless.signDigest(digest));
                } catch (SigningException e) {
                    throw withSource(e);
                }
            }

            @Override
            public Bundle attest(Statement statement) throws SigningException, IdentityTokenException {
                try {
                    return announced(keyless.attest(statement));
                } catch (SigningException e) {
                    throw withSource(e);
                }
            }

            private Bundle announced(Bundle bundle) {
                keyless.identity().ifPresent(t -> {
                    err.printf("Using the identity token from %s (issuer %s, subject %s)%n", t.source(), t.issuer(), t.subject());
                    err.flush();
                });
                return bundle;
            }

            private SigningException withSource(SigningException e) {
                return keyless.identity().<SigningException>map(t -> new SigningException(e.getMessage() + " (identity token from "
                        + t.source() + ", subject " + t.subject() + ")", e)).orElse(e);
            }

            @Override
            public Optional<IdentityToken> identity() {
                return keyless.identity();
            }

            @Override
            public void close() {
                keyless.close();
            }
        };
    }
}
