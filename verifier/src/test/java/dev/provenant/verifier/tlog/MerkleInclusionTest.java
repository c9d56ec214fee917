package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleInclusionTest {

    @Test
    void everyProofOfEveryLeafOfSmallTreesLeadsToTheReferenceRoot() {
        for (int size = 1; size <= 40; size++) {
            List<byte[]> leaves = leaves(size);
            byte[] root = ReferenceMerkleTree.root(leaves);
            for (int index = 0; index < size; index++) {
                byte[] computed = MerkleInclusion.rootFromProof(index, size, MerkleInclusion.leafHash(leaves.get(index)),
                        ReferenceMerkleTree.path(index, leaves));
                assertThat(computed).as("leaf %d of %d", index, size).isEqualTo(root);
            }
        }
    }

    @Test
    void anyFlippedProofHashChangesTheRoot() {
        List<byte[]> leaves = leaves(13);
        byte[] root = ReferenceMerkleTree.root(leaves);
        List<byte[]> path = ReferenceMerkleTree.path(6, leaves);
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(path);
            byte[] hash = tampered.get(i).clone();
            hash[7] ^= 0x20;
            tampered.set(i, hash);
            assertThat(MerkleInclusion.rootFromProof(6, 13, MerkleInclusion.leafHash(leaves.get(6)), tampered)).isNotEqualTo(root);
        }
    }

    @Test
    void aLeafHashIsPrefixedSoItCannotPassForANode() {
        byte[] leaf = "x".getBytes(StandardCharsets.UTF_8);

        assertThat(MerkleInclusion.leafHash(leaf)).isEqualTo(TestLog.sha256(TestLog.concat(new byte[] {0}, leaf)));
    }

    @Test
    void refusesProofsThatCannotBeForTheTree() {
        List<byte[]> leaves = leaves(8);
        byte[] leaf = MerkleInclusion.leafHash(leaves.get(3));
        List<byte[]> path = ReferenceMerkleTree.path(3, leaves);

        assertThatThrownBy(() -> MerkleInclusion.rootFromProof(8, 8, leaf, path)).hasMessageContaining("not below tree size");
        assertThatThrownBy(() -> MerkleInclusion.rootFromProof(-1, 8, leaf, path)).hasMessageContaining("not below tree size");
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(new byte[32]);
        assertThatThrownBy(() -> MerkleInclusion.rootFromProof(3, 8, leaf, longer)).hasMessageContaining("more hashes");
        assertThatThrownBy(() -> MerkleInclusion.rootFromProof(3, 8, leaf, path.subList(0, 2))).hasMessageContaining("fewer hashes");
        List<byte[]> shortHash = new ArrayList<>(path);
        shortHash.set(0, new byte[31]);
        assertThatThrownBy(() -> MerkleInclusion.rootFromProof(3, 8, leaf, shortHash)).hasMessageContaining("31 bytes");
    }

    @Test
    void aSingleLeafTreeHasAnEmptyProof() {
        byte[] leaf = MerkleInclusion.leafHash(new byte[] {42});

        assertThat(MerkleInclusion.rootFromProof(0, 1, leaf, List.of())).isEqualTo(leaf);
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
