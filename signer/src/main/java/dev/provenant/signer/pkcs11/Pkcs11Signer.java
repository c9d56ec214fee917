package dev.provenant.signer.pkcs11;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signs with a private key that stays in a PKCS#11 token. Messages are hashed here and only the digest
 * goes to the device (CKM_ECDSA, or CKM_RSA_PKCS over a DigestInfo), which is the one path every
 * token supports and gives signatures identical to hashing on the token.
 */
public final class Pkcs11Signer implements Signer {
    private final TokenSession session;
    private final Provider provider;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final String description;

    Pkcs11Signer(TokenSession session, PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm, String description) {
        this.session = session;
        this.provider = session.provider();
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.description = description;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The token's key handle, for callers that check it is not extractable; its encoding is never available. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public byte[] signDigest(Digest digest) throws SigningException {
        try {
            Signature s = Signature.getInstance(algorithm.isEcdsa() ? "NONEwithECDSA" : "NONEwithRSA", provider);
            s.initSign(privateKey);
            s.update(algorithm.digestInput(digest));
            return algorithm.normaliseEcdsaSignature(s.sign());
        } catch (IllegalArgumentException e) {
            throw new SigningException("signing with " + description + " failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new SigningException("signing with " + description + " failed: " + Pkcs11Errors.describe(e), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        session.close();
    }
}
