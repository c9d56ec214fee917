package dev.provenant.verifier.tlog;

import java.util.ArrayList;
import java.util.List;

/** RFC 6962 section 2.1 written out recursively as the RFC states it: the test's independent reference. */
final class ReferenceMerkleTree {
    private ReferenceMerkleTree() {}

    static byte[] root(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return TestLog.sha256(TestLog.concat(new byte[] {0}, leaves.get(0)));
        }
        int k = split(leaves.size());
        return node(root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
    }

    static List<byte[]> path(int m, List<byte[]> leaves) {
        List<byte[]> out = new ArrayList<>();
        if (leaves.size() == 1) {
            return out;
        }
        int k = split(leaves.size());
        if (m < k) {
            out.addAll(path(m, leaves.subList(0, k)));
            out.add(root(leaves.subList(k, leaves.size())));
        } else {
            out.addAll(path(m - k, leaves.subList(k, leaves.size())));
            out.add(root(leaves.subList(0, k)));
        }
        return out;
    }

    /** The largest power of two smaller than n. */
    private static int split(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    private static byte[] node(byte[] left, byte[] right) {
        return TestLog.sha256(TestLog.concat(new byte[] {1}, left, right));
    }
}
