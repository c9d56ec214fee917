package dev.provenant.verifier.vsa;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The key id a DSSE verifier gives a public key it was handed without one: go-securesystemslib's
 * {@code SHA256KeyID}, which slsa-verifier's {@code verify-vsa} uses when {@code --public-key-id} is not
 * given. It is OpenSSH's SHA-256 fingerprint ({@code SHA256:} and unpadded base64 of the SHA-256 of the
 * key's SSH wire encoding, RFC 4253 and RFC 5656), so {@code ssh-keygen -l} prints the same value.
 */
final class DefaultKeyId {
    private DefaultKeyId() {}

    /** The fingerprint, or empty for a key SSH cannot encode (an EC key on a curve other than P-256/384/521). */
    static Optional<String> of(PublicKey key) {
        byte[] wire;
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384 && bits != 521) {
                return Optional.empty();
            }
            int length = (bits + 7) / 8;
            byte[] point = new byte[1 + 2 * length];
            point[0] = 0x04;
            copyUnsigned(ec.getW().getAffineX(), point, 1, length);
            copyUnsigned(ec.getW().getAffineY(), point, 1 + length, length);
            String curve = "nistp" + bits;
            wire = concat(string(("ecdsa-sha2-" + curve).getBytes(StandardCharsets.US_ASCII)),
                    string(curve.getBytes(StandardCharsets.US_ASCII)), string(point));
        } else if (key instanceof RSAPublicKey rsa) {
            wire = concat(string("ssh-rsa".getBytes(StandardCharsets.US_ASCII)), string(rsa.getPublicExponent().toByteArray()),
                    string(rsa.getModulus().toByteArray()));
        } else if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            byte[] spki = key.getEncoded();
            if (spki == null || spki.length < 32) {
                return Optional.empty();
            }
            // the SubjectPublicKeyInfo of an Ed25519 key ends with its 32 raw bytes
            wire = concat(string("ssh-ed25519".getBytes(StandardCharsets.US_ASCII)),
                    string(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
        } else {
            return Optional.empty();
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(wire);
            return Optional.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > length ? bytes.length - length : 0;
        System.arraycopy(bytes, skip, out, offset + length - (bytes.length - skip), bytes.length - skip);
    }

    /** An SSH {@code string}: a four-byte big-endian length, then the bytes. An {@code mpint} is the same over two's complement bytes. */
    private static byte[] string(byte[] bytes) {
        byte[] out = new byte[4 + bytes.length];
        out[0] = (byte) (bytes.length >>> 24);
        out[1] = (byte) (bytes.length >>> 16);
        out[2] = (byte) (bytes.length >>> 8);
        out[3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 4, bytes.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
