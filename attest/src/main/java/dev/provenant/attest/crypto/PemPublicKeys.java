package dev.provenant.attest.crypto;

import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Public keys in PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo), read and written with the JDK alone. */
public final class PemPublicKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final String[] KEY_FACTORIES = {"EC", "RSA", "Ed25519"};

    private PemPublicKeys() {}

    public static PublicKey parse(String pem) throws FormatException {
        int begin = pem.indexOf(BEGIN);
        // the end marker is looked for after the begin marker, never inside it
        int end = begin < 0 ? -1 : pem.indexOf(END, begin + BEGIN.length());
        if (begin < 0 || end < 0) {
            throw new FormatException("not a PEM public key (expected " + BEGIN + ")");
        }
        String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new FormatException("PEM public key is not valid base64");
        }
        return fromDer(der);
    }

    /** Reads a DER SubjectPublicKeyInfo of an EC, RSA or Ed25519 key. */
    public static PublicKey fromDer(byte[] der) throws FormatException {
        for (String algorithm : KEY_FACTORIES) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException | ClassCastException e) {
                // not this algorithm; try the next
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is required of every Java 17 platform", e);
            }
        }
        throw new FormatException("unsupported or malformed public key (EC, RSA and Ed25519 are supported)");
    }

    public static String toPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    /** The key's SHA-256 over its DER SubjectPublicKeyInfo: what Sigstore puts in a public key hint. */
    public static byte[] fingerprint(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
