package dev.provenant.signer;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import java.security.PublicKey;

/**
 * A signer whose private key stays in a service (a cloud KMS, Vault's transit engine) that signs
 * digests. Whatever the service, the digest must be the one the key's signing scheme hashes with,
 * and the signature comes back as that scheme writes it (ECDSA normalised to DER); a backend supplies
 * only the call to its service.
 */
public abstract class RemoteKeySigner implements Signer {
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;

    protected RemoteKeySigner(PublicKey publicKey, SignatureAlgorithm algorithm) {
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    @Override
    public final SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public final PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public final byte[] signDigest(Digest digest) throws SigningException {
        if (algorithm.hash().orElse(null) != digest.algorithm()) {
            throw new SigningException(description() + " signs "
                    + algorithm.hash().map(h -> h.intotoName()).orElse("whole messages") + " digests, not "
                    + digest.algorithm().intotoName());
        }
        return algorithm.normaliseEcdsaSignature(signWithService(digest));
    }

    /**
     * The service's signature over {@code digest}, already checked to be of the scheme's hash; ECDSA in
     * DER or as r||s.
     */
    protected abstract byte[] signWithService(Digest digest) throws SigningException;
}
