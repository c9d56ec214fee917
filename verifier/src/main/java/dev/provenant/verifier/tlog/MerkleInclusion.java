package dev.provenant.verifier.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256. */
final class MerkleInclusion {
    static final int HASH_LENGTH = 32;

    private MerkleInclusion() {}

    /** {@code SHA-256(0x00 || leaf)}: the leaf prefix keeps a leaf from passing for an interior node. */
    static byte[] leafHash(byte[] leaf) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        sha256.update(leaf);
        return sha256.digest();
    }

    /**
     * The root an inclusion proof leads to, by RFC 9162 section 2.1.3.2.
     *
     * @throws IllegalArgumentException when the proof cannot be a proof for {@code index} in a tree of
     *     {@code size} leaves (index out of range, too many or too few hashes, a hash of the wrong length)
     */
    static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + size);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p.length != HASH_LENGTH) {
                throw new IllegalArgumentException("a proof hash has " + p.length + " bytes, not " + HASH_LENGTH);
            }
            if (sn == 0) {
                throw new IllegalArgumentException("the proof has more hashes than a tree of " + size + " leaves needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new IllegalArgumentException("the proof has fewer hashes than a tree of " + size + " leaves needs");
        }
        return r;
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
