package dev.provenant.attest.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The digests Provenant computes, with the names each format uses for them. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA2_256", "SHA-256", 32),
    SHA384("sha384", "SHA2_384", "SHA-384", 48),
    SHA512("sha512", "SHA2_512", "SHA-512", 64);

    private final String intotoName;
    private final String sigstoreName;
    private final String jcaName;
    private final int length;

    DigestAlgorithm(String intotoName, String sigstoreName, String jcaName, int length) {
        this.intotoName = intotoName;
        this.sigstoreName = sigstoreName;
        this.jcaName = jcaName;
        this.length = length;
    }

    /** The name in in-toto digest sets and {@code sha256sum}-style tools: {@code sha256}. */
    public String intotoName() {
        return intotoName;
    }

    /** The name in Sigstore's protobuf {@code HashAlgorithm}: {@code SHA2_256}. */
    public String sigstoreName() {
        return sigstoreName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Length of the digest in bytes. */
    public int length() {
        return length;
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every Java platform", e);
        }
    }

    public static DigestAlgorithm fromIntotoName(String name) {
        for (DigestAlgorithm a : values()) {
            if (a.intotoName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported digest algorithm '" + name + "' (use sha256, sha384 or sha512)");
    }

    public static DigestAlgorithm fromSigstoreName(String name) {
        for (DigestAlgorithm a : values()) {
            if (a.sigstoreName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported hash algorithm '" + name + "'");
    }
}
