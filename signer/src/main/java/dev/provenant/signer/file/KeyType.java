package dev.provenant.signer.file;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** The key pairs {@code provenant keygen} makes. ECDSA P-256 is the default, as in Sigstore. */
public enum KeyType {
    ECDSA_P256("ecdsa-p256"),
    ECDSA_P384("ecdsa-p384"),
    ED25519("ed25519"),
    RSA_3072("rsa-3072");

    private final String cliName;

    KeyType(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static KeyType fromCliName(String name) {
        for (KeyType t : values()) {
            if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + name + "' (use ecdsa-p256, ecdsa-p384, ed25519 or rsa-3072)");
    }

    public KeyPair generate() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        return switch (this) {
            case ECDSA_P256 -> ec("secp256r1", random);
            case ECDSA_P384 -> ec("secp384r1", random);
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            case RSA_3072 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
                yield g.generateKeyPair();
            }
        };
    }

    private static KeyPair ec(String curve, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), random);
        return g.generateKeyPair();
    }
}
