package dev.provenant.attest.digest;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** A digest value with its algorithm. Equality compares the bytes in constant time. */
public final class Digest {
    private static final HexFormat HEX = HexFormat.of();

    private final DigestAlgorithm algorithm;
    private final byte[] value;

    public Digest(DigestAlgorithm algorithm, byte[] value) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (value.length != algorithm.length()) {
            throw new IllegalArgumentException(algorithm.intotoName() + " digest must be " + algorithm.length()
                    + " bytes, got " + value.length);
        }
        this.value = value.clone();
    }

    /** Parses {@code sha256:HEX} (also sha384, sha512). */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a digest reads ALGORITHM:HEX, for example sha256:e3b0...");
        }
        DigestAlgorithm algorithm = DigestAlgorithm.fromIntotoName(text.substring(0, colon));
        return ofHex(algorithm, text.substring(colon + 1));
    }

    public static Digest ofHex(DigestAlgorithm algorithm, String hex) {
        if (hex.length() != algorithm.length() * 2) {
            throw new IllegalArgumentException(algorithm.intotoName() + " digest must be " + algorithm.length() * 2
                    + " hex characters, got " + hex.length());
        }
        try {
            return new Digest(algorithm, HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(algorithm.intotoName() + " digest is not hexadecimal");
        }
    }

    /** True when {@code text} has the exact shape of a digest reference: {@code sha256:} and 64 hex digits. */
    public static boolean looksLikeDigest(String text) {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            String prefix = a.intotoName() + ":";
            if (text.startsWith(prefix) && text.length() == prefix.length() + a.length() * 2
                    && text.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return true;
            }
        }
        return false;
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] value() {
        return value.clone();
    }

    public String hex() {
        return HEX.formatHex(value);
    }

    /** {@code sha256:HEX} */
    @Override
    public String toString() {
        return algorithm.intotoName() + ":" + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && d.algorithm == algorithm && MessageDigest.isEqual(d.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, java.util.Arrays.hashCode(value));
    }
}
