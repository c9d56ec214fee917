package dev.provenant.verifier.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The 4-byte key hint a log puts before its checkpoint signatures, so a verifier can tell its key from
 * a witness's.
 */
final class NoteKeyHint {
    /** DER of an Ed25519 SubjectPublicKeyInfo up to the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final byte ALG_ED25519 = 0x01;
    private static final byte ALG_UNDEFINED = (byte) 0xff;
    private static final String RSA_ID = "PKIX-RSA-PKCS#1v1.5";

    private NoteKeyHint() {}

    /** Rekor v1 checkpoints: the first 4 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo, whatever the key type. */
    static int rekorV1(PublicKey key) {
        return first4(sha256(key.getEncoded()));
    }

    /**
     * Rekor v2 checkpoints. Ed25519 follows C2SP signed-note: SHA-256(name || 0x0A || 0x01 || key)[0:4].
     * ECDSA has no signed-note type, so Rekor v2 keeps the Rekor v1 hint (SHA-256 of the SPKI); RSA
     * uses the signed-note form with the undefined-type byte 0xFF and an identifier string.
     */
    static int rekorV2(String name, PublicKey key) {
        if (key instanceof ECPublicKey) {
            return rekorV1(key);
        }
        if (key instanceof RSAPublicKey) {
            return first4(sha256(concat(name, concat(new byte[] {ALG_UNDEFINED}, RSA_ID.getBytes(StandardCharsets.US_ASCII),
                    key.getEncoded()))));
        }
        return first4(sha256(concat(name, concat(new byte[] {ALG_ED25519}, ed25519Raw(key)))));
    }

    private static byte[] ed25519Raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("log key is not an ECDSA, RSA or Ed25519 key");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    private static byte[] concat(String name, byte[] rest) {
        return concat(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n'}, rest);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    private static int first4(byte[] hash) {
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
