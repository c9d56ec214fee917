package dev.provenant.attest.sslib;

import dev.provenant.attest.crypto.SignatureAlgorithm;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The securesystemslib signature schemes Provenant signs and verifies in-toto metadata with, by the
 * names securesystemslib writes in a key's {@code scheme}.
 */
public enum SslibScheme {
    ED25519("ed25519", "ed25519", "Ed25519"),
    ECDSA_SHA2_NISTP256("ecdsa", "ecdsa-sha2-nistp256", "SHA256withECDSA"),
    ECDSA_SHA2_NISTP384("ecdsa", "ecdsa-sha2-nistp384", "SHA384withECDSA"),
    /** securesystemslib's default for RSA keys, and what in-toto-keygen's RSA keys use. */
    RSASSA_PSS_SHA256("rsa", "rsassa-pss-sha256", "RSASSA-PSS"),
    RSA_PKCS1V15_SHA256("rsa", "rsa-pkcs1v15-sha256", "SHA256withRSA");

    /** securesystemslib signs RSA-PSS with a salt as long as the digest (PSS.DIGEST_LENGTH). */
    public static final int PSS_SALT_LENGTH = 32;

    private final String keytype;
    private final String schemeName;
    private final String jcaName;

    SslibScheme(String keytype, String schemeName, String jcaName) {
        this.keytype = keytype;
        this.schemeName = schemeName;
        this.jcaName = jcaName;
    }

    /** The {@code keytype} securesystemslib writes for new keys of this scheme. */
    public String keytype() {
        return keytype;
    }

    public String schemeName() {
        return schemeName;
    }

    public boolean isRsa() {
        return keytype.equals("rsa");
    }

    public static Optional<SslibScheme> fromName(String scheme) {
        for (SslibScheme s : values()) {
            if (s.schemeName.equals(scheme)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether securesystemslib accepts {@code keytype} with this scheme ("ecdsa" keys may also be typed by curve). */
    public boolean acceptsKeytype(String type) {
        return keytype.equals(type) || (keytype.equals("ecdsa") && type.startsWith("ecdsa-sha2-nistp"));
    }

    public byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        if (this == RSASSA_PSS_SHA256) {
            s.setParameter(pss(PSS_SALT_LENGTH));
        }
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /**
     * Verifies like securesystemslib, which reads PSS salts of any length. The JDK needs the length up
     * front, so the digest-length salt securesystemslib writes is tried first, then the longest salt
     * the key allows, which other signers choose.
     */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            if (this != RSASSA_PSS_SHA256) {
                return verifyWith(key, data, signature, null);
            }
            if (verifyWith(key, data, signature, pss(PSS_SALT_LENGTH))) {
                return true;
            }
            int emLen = (((RSAKey) key).getModulus().bitLength() - 1 + 7) / 8;
            int longest = emLen - PSS_SALT_LENGTH - 2;
            return longest > 0 && longest != PSS_SALT_LENGTH && verifyWith(key, data, signature, pss(longest));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean verifyWith(PublicKey key, byte[] data, byte[] signature, PSSParameterSpec params)
            throws GeneralSecurityException {
        if (!SignatureAlgorithm.hasSchemeLength(key, signature)) {
            return false;
        }
        Signature s = Signature.getInstance(jcaName);
        if (params != null) {
            s.setParameter(params);
        }
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    private static PSSParameterSpec pss(int saltLength) {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
