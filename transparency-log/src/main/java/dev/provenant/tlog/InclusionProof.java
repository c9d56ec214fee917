package dev.provenant.tlog;

import java.util.List;

/** The audit path from leaf {@code leafIndex} to the root of the tree's first {@code treeSize} leaves, leaf end first. */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> hashes) {
    public InclusionProof {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not below tree size " + treeSize);
        }
        hashes = hashes.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }
}
