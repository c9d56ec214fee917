package dev.provenant.tlog;

import java.security.MessageDigest;
import java.util.List;

/**
 * Proof that the tree of {@code newSize} leaves extends the tree of {@code oldSize} leaves unchanged
 * (RFC 6962 section 2.1.2). {@link #verify} follows RFC 9162 section 2.1.4.2, so a holder of two signed
 * checkpoints can tell the log only appended between them.
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> hashes) {
    public ConsistencyProof {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " is not between 0 and the new size " + newSize);
        }
        hashes = hashes.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }

    /** True when this proof shows that {@code newRoot} extends {@code oldRoot}. */
    public boolean verify(byte[] oldRoot, byte[] newRoot) {
        if (oldSize == newSize) {
            return hashes.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            // every tree extends the empty one; there is nothing to prove
            return hashes.isEmpty();
        }
        if (hashes.isEmpty() || hashes.stream().anyMatch(h -> h.length != MerkleHashes.HASH_LENGTH)) {
            return false;
        }
        List<byte[]> path = hashes;
        if (Long.bitCount(oldSize) == 1) {
            // the old tree is a complete subtree: its root is the proof's implicit first node
            path = new java.util.ArrayList<>(hashes.size() + 1);
            path.add(oldRoot);
            path.addAll(hashes);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }
}
