package dev.provenant.verifier.crypto;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.crypto.EcdsaSignature.Encoding;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * The one place the verifier checks a signature. ECDSA runs on Bouncy Castle's lightweight API (the
 * JDK 17 SunEC arithmetic was most of a verification's time); RSA and Ed25519 stay on the JDK. Each EC
 * key is converted once and remembered by its encoding, so trusted keys that verify every bundle (log,
 * CT log and CA keys) keep their precomputed tables. Thread-safe; share one instance.
 *
 * <p>Every method answers false for a signature that does not verify, is malformed, or is made with a
 * key of an unsupported kind or curve: a key that cannot be used verifies nothing.
 */
public final class SignatureVerifier {
    /** Enough for a trusted root's keys plus the signing keys of recent bundles. */
    private static final int REMEMBERED_KEYS = 64;

    private final RecentCache<ByteBuffer, EcdsaKey> ecdsaKeys = new RecentCache<>(REMEMBERED_KEYS);

    /** A bundle signature over a whole message, with the key's scheme (its curve's hash for ECDSA; DER or raw r||s). */
    public boolean verifyMessage(PublicKey key, byte[] message, byte[] signature) {
        if (key instanceof ECPublicKey ec) {
            return ecdsa(ec).map(k -> k.verifies(k.curve().hash().newMessageDigest().digest(message),
                    EcdsaSignature.readings(signature, k.scalarLength(), Encoding.DER_OR_RAW))).orElse(false);
        }
        if (!SignatureAlgorithm.hasSchemeLength(key, signature)) {
            return false;
        }
        try {
            Signature s = SignatureAlgorithm.forKey(key).newMessageSignature();
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A bundle signature over a precomputed digest, which must be of the hash the key's scheme signs. */
    public boolean verifyDigest(PublicKey key, Digest digest, byte[] signature) {
        if (key instanceof ECPublicKey ec) {
            return ecdsa(ec).filter(k -> k.curve().hash() == digest.algorithm())
                    .map(k -> k.verifies(digest.value(), EcdsaSignature.readings(signature, k.scalarLength(), Encoding.DER_OR_RAW)))
                    .orElse(false);
        }
        if (!SignatureAlgorithm.hasSchemeLength(key, signature)) {
            return false;
        }
        try {
            SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key);
            Signature s = algorithm.newDigestSignature();
            s.initVerify(key);
            s.update(algorithm.digestInput(digest));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A signature a log makes over message bytes (a signed entry timestamp, a checkpoint note) with the
     * key's scheme. ECDSA must be DER, as logs write it.
     */
    public boolean verifyDerMessage(PublicKey key, byte[] message, byte[] signature) {
        if (key instanceof ECPublicKey ec) {
            return ecdsa(ec).map(k -> verifyDer(k, k.curve().hash(), message, signature)).orElse(false);
        }
        return verifyMessage(key, message, signature);
    }

    /**
     * A signature whose hash the signed structure names (an X.509 signature algorithm, an SCT's hash
     * field), not the key: a P-384 CA may sign with SHA-256. ECDSA must be DER; RSA is PKCS#1 v1.5.
     */
    public boolean verifyDerMessage(PublicKey key, DigestAlgorithm hash, byte[] message, byte[] signature) {
        if (key instanceof ECPublicKey ec) {
            return ecdsa(ec).map(k -> verifyDer(k, hash, message, signature)).orElse(false);
        }
        if (!(key instanceof RSAPublicKey)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(hash.jcaName().replace("-", "") + "withRSA");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key converted for Bouncy Castle, or empty when it is not a valid key on a supported curve. */
    public Optional<EcdsaKey> ecdsa(ECPublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return convert(key);
        }
        return Optional.ofNullable(ecdsaKeys.get(ByteBuffer.wrap(encoded), k -> convert(key).orElse(null)));
    }

    private static boolean verifyDer(EcdsaKey key, DigestAlgorithm hash, byte[] message, byte[] signature) {
        return key.verifies(hash.newMessageDigest().digest(message), EcdsaSignature.readings(signature, key.scalarLength(), Encoding.DER));
    }

    private static Optional<EcdsaKey> convert(ECPublicKey key) {
        try {
            return Optional.of(EcdsaKey.of(key));
        } catch (InvalidKeyException e) {
            return Optional.empty();
        }
    }
}
