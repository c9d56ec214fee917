package dev.provenant.verifier;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Verifies one signature with a public key, over a whole message or a prehashed digest. ECDSA
 * signatures are accepted DER-encoded or as raw {@code r||s}.
 */
public final class SignatureCheck {
    private SignatureCheck() {}

    public static boolean verifyMessage(PublicKey key, byte[] message, byte[] signature) throws VerificationException {
        SignatureAlgorithm algorithm = algorithmOf(key);
        try {
            Signature s = algorithm.newMessageSignature();
            s.initVerify(key);
            s.update(message);
            return s.verify(algorithm.normaliseEcdsaSignature(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean verifyDigest(PublicKey key, Digest digest, byte[] signature) throws VerificationException {
        SignatureAlgorithm algorithm = algorithmOf(key);
        try {
            Signature s = algorithm.newDigestSignature();
            s.initVerify(key);
            s.update(algorithm.digestInput(digest));
            return s.verify(algorithm.normaliseEcdsaSignature(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static SignatureAlgorithm algorithmOf(PublicKey key) throws VerificationException {
        try {
            return SignatureAlgorithm.forKey(key);
        } catch (GeneralSecurityException e) {
            throw new VerificationException(Check.KEY, e.getMessage());
        }
    }
}
