package dev.provenant.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 Merkle tree over leaf hashes, grown by appending. Roots and proofs can be asked for any
 * earlier size, so a proof always matches the checkpoint it is published with.
 *
 * <p>Interior nodes of complete subtrees are kept level by level as they form, so a root or a proof
 * costs O(log n) hashes beyond the cached nodes rather than rehashing the tree.
 */
public final class MerkleTree {
    /** levels.get(h).get(i): the root of the complete subtree of 2^h leaves starting at leaf i * 2^h. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new ArrayList<>());
    }

    public synchronized long size() {
        return levels.get(0).size();
    }

    /** Appends a leaf by its {@link MerkleHashes#leafHash} and returns its index. */
    public synchronized long appendLeafHash(byte[] leafHash) {
        if (leafHash.length != MerkleHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("a leaf hash has " + MerkleHashes.HASH_LENGTH + " bytes, not " + leafHash.length);
        }
        long index = levels.get(0).size();
        levels.get(0).add(leafHash.clone());
        int level = 0;
        // a node at this level completes each time its right child arrives
        while (levels.get(level).size() % 2 == 0) {
            List<byte[]> row = levels.get(level);
            byte[] parent = MerkleHashes.nodeHash(row.get(row.size() - 2), row.get(row.size() - 1));
            if (levels.size() == level + 1) {
                levels.add(new ArrayList<>());
            }
            levels.get(level + 1).add(parent);
            level++;
        }
        return index;
    }

    public synchronized byte[] leafHash(long index) {
        checkIndex(index, size());
        return levels.get(0).get((int) index).clone();
    }

    public synchronized byte[] root() {
        return rootAt(size());
    }

    /** The root of the tree of the first {@code treeSize} leaves. */
    public synchronized byte[] rootAt(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is not between 0 and " + size());
        }
        if (treeSize == 0) {
            return MerkleHashes.emptyRoot();
        }
        return subtree(0, treeSize);
    }

    /** RFC 6962 PATH(m, D[0:n]). */
    public synchronized InclusionProof inclusionProof(long leafIndex, long treeSize) {
        if (treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the log's " + size() + " leaves");
        }
        checkIndex(leafIndex, treeSize);
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** RFC 6962 PROOF(m, D[0:n]). */
    public synchronized ConsistencyProof consistencyProof(long oldSize, long newSize) {
        if (newSize > size()) {
            throw new IllegalArgumentException("tree size " + newSize + " is beyond the log's " + size() + " leaves");
        }
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " is not between 0 and " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, proof);
        }
        return new ConsistencyProof(oldSize, newSize, proof);
    }

    // PATH over the leaves [start, start + n), collecting siblings from the leaf upwards.
    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(subtree(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(subtree(start, k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b)
    private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
        if (m == n) {
            if (!complete) {
                out.add(subtree(start, n));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, k, complete, out);
            out.add(subtree(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(subtree(start, k));
        }
    }

    // MTH(D[start:start+n]), from the cache when the range is a complete, aligned subtree.
    private byte[] subtree(long start, long n) {
        if (Long.bitCount(n) == 1) {
            int height = Long.numberOfTrailingZeros(n);
            if (start % n == 0 && height < levels.size()) {
                List<byte[]> row = levels.get(height);
                long i = start / n;
                if (i < row.size()) {
                    return row.get((int) i);
                }
            }
        }
        if (n == 1) {
            return levels.get(0).get((int) start);
        }
        long k = split(n);
        return MerkleHashes.nodeHash(subtree(start, k), subtree(start + k, n - k));
    }

    /** The largest power of two smaller than n (n at least 2). */
    private static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void checkIndex(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + treeSize);
        }
    }
}
