package dev.provenant.signer;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import java.security.PublicKey;

/**
 * Signs with a key that may never leave its backend (a file, a token, a cloud KMS). Every backend
 * implements this one interface; key material stays behind it.
 */
public interface Signer extends AutoCloseable {
    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /**
     * Signs a message held in memory, such as a DSSE pre-authentication encoding. By default the message
     * is hashed here and the digest signed, which is all a token or KMS is ever sent; backends for schemes
     * without a prehash (Ed25519) override it.
     */
    default byte[] sign(byte[] message) throws SigningException {
        var hash = algorithm().hash().orElseThrow(() -> new SigningException(
                algorithm().sigstoreName() + " signs whole messages, which " + description() + " cannot do"));
        return signDigest(new Digest(hash, hash.newMessageDigest().digest(message)));
    }

    /**
     * Signs a digest computed elsewhere (a streamed artifact). Only for prehashed schemes: the digest's
     * algorithm must be {@code algorithm().hash()}. ECDSA signatures come back DER-encoded.
     */
    byte[] signDigest(Digest digest) throws SigningException;

    /** A short description for logs, for example the key file or URI; never secret. */
    String description();

    @Override
    default void close() {}
}
