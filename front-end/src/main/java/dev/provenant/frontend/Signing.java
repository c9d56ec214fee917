package dev.provenant.frontend;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.signer.tlog.RekorUpload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** What a front end signs with: a key, or keyless signing. */
public interface Signing extends AutoCloseable {
    /** A message-signature bundle over the file's SHA-256 digest, hashed through {@code digester}. */
    Bundle signArtifact(Path artifact, ArtifactDigester digester) throws IOException, SigningException, IdentityTokenException;

    /** A message-signature bundle over a digest. */
    Bundle signDigest(Digest digest) throws SigningException, IdentityTokenException;

    /** A DSSE bundle over the statement. */
    Bundle attest(Statement statement) throws SigningException, IdentityTokenException;

    /** For keyless signing, the identity token's issuer and subject once it was fetched. */
    default Optional<IdentityToken> identity() {
        return Optional.empty();
    }

    /** What signed, for a log line; for keyless, the identity once a token was fetched. */
    String description();

    @Override
    void close();

    static Signing withKey(Signer signer) {
        return withKey(signer, Optional.empty());
    }

    /**
     * Signing with a key whose bundles are, when {@code upload} is given, logged in its Rekor logs before
     * they are handed back: a log that cannot take the entry fails the signing (no bundle claims a log it
     * is not in).
     */
    static Signing withKey(Signer signer, Optional<RekorUpload> upload) {
        return new Signing() {
            @Override
            public Bundle signArtifact(Path artifact, ArtifactDigester digester) throws IOException, SigningException {
                requireLoggable(true);
                return logged(new BundleSigner(signer, digester).signArtifact(artifact));
            }

            @Override
            public Bundle signDigest(Digest digest) throws SigningException {
                requireLoggable(true);
                return logged(new BundleSigner(signer, new ArtifactDigester()).signDigest(digest));
            }

            @Override
            public Bundle attest(Statement statement) throws SigningException {
                requireLoggable(false);
                return logged(new BundleSigner(signer, new ArtifactDigester()).attest(statement));
            }

            private void requireLoggable(boolean messageSignature) throws SigningException {
                if (upload.isPresent()) {
                    upload.get().requireLoggable(messageSignature, signer.algorithm().hash().isPresent());
                }
            }

            private Bundle logged(Bundle bundle) throws SigningException {
                return upload.isPresent() ? upload.get().upload(bundle, signer.publicKey(), signer.algorithm()) : bundle;
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
     * Keyless signing that tells {@code announce} which source gave the identity token, and for whom, once
     * the first bundle is signed (never the token); a signing failure after the token was fetched names
     * the source in its message instead.
     */
    static Signing keyless(KeylessBundleSigning keyless, Consumer<String> announce) {
        return new Signing() {
            private boolean announced;

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
                if (!announced) {
                    keyless.identity().ifPresent(t -> {
                        announced = true;
                        announce.accept("Using the identity token from " + t.source() + " (issuer " + t.issuer() + ", subject "
                                + t.subject() + ")");
                    });
                }
                return bundle;
            }

            private SigningException withSource(SigningException e) {
                // a KeylessConfigException (the instance lacks a service) says so as it is: no token was used
                if (e instanceof KeylessConfigException) {
                    return e;
                }
                return keyless.identity().<SigningException>map(t -> new SigningException(e.getMessage() + " (identity token from "
                        + t.source() + ", subject " + t.subject() + ")", e)).orElse(e);
            }

            @Override
            public Optional<IdentityToken> identity() {
                return keyless.identity();
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
