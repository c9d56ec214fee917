package dev.provenant.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * Signs note text under a name. The key hint (the first four bytes of a signature line) lets a verifier
 * pick its key among the signers of a note.
 */
public interface NoteSigner {
    /** The signer's name; C2SP forbids spaces and plus signs in it. */
    String name();

    int keyHint();

    byte[] sign(byte[] text) throws GeneralSecurityException;

    /**
     * ECDSA (DER signatures, SHA-256). Signed notes define no ECDSA key type, so the hint is the one
     * Rekor uses: the first four bytes of SHA-256 over the key's DER SubjectPublicKeyInfo.
     */
    static NoteSigner ecdsa(String name, PrivateKey key, PublicKey publicKey) {
        int hint = ByteBuffer.wrap(MerkleHashes.sha256().digest(publicKey.getEncoded()), 0, 4).getInt();
        return of(name, hint, key, "SHA256withECDSA");
    }

    /** Ed25519 as C2SP signed-note defines it: hint = SHA-256(name || 0x0A || 0x01 || raw key)[0:4]. */
    static NoteSigner ed25519(String name, PrivateKey key, PublicKey publicKey) {
        byte[] spki = publicKey.getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        var sha256 = MerkleHashes.sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update((byte) 0x01);
        sha256.update(raw);
        int hint = ByteBuffer.wrap(sha256.digest(), 0, 4).getInt();
        return of(name, hint, key, "Ed25519");
    }

    private static NoteSigner of(String name, int hint, PrivateKey key, String algorithm) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("note signer name '" + name + "' is empty or contains a space or a plus sign");
        }
        return new NoteSigner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int keyHint() {
                return hint;
            }

            @Override
            public byte[] sign(byte[] text) throws GeneralSecurityException {
                Signature signature = Signature.getInstance(algorithm);
                signature.initSign(key);
                signature.update(text);
                return signature.sign();
            }
        };
    }
}
