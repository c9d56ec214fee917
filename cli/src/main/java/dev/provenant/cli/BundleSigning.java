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

    static BundleSigning keyless(KeylessBundleSigning keyless) {
        return new BundleSigning() {
            @Override
            public Bundle signArtifact(Path artifact, ArtifactDigester digester)
                    throws IOException, SigningException, IdentityTokenException {
                return keyless.signDigest(digester.digest(artifact, DigestAlgorithm.SHA256));
            }

            @Override
            public Bundle signDigest(Digest digest) throws SigningException, IdentityTokenException {
                return keyless.signDigest(digest);
            }

            @Override
            public Bundle attest(Statement statement) throws SigningException, IdentityTokenException {
                return keyless.attest(statement);
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
