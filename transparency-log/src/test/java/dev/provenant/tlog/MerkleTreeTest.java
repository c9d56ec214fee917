package dev.provenant.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MerkleTreeTest {

    /** RFC 6962 MTH written out recursively, as the independent reference. */
    private static byte[] referenceRoot(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return MerkleHashes.nodeHash(referenceRoot(leafHashes.subList(0, k)), referenceRoot(leafHashes.subList(k, leafHashes.size())));
    }

    @Test
    void rootsMatchTheRecursiveDefinitionAtEverySize() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> hashes = new ArrayList<>();
        assertThat(tree.root()).isEqualTo(MerkleHashes.emptyRoot());
        for (int i = 0; i < 130; i++) {
            byte[] h = MerkleHashes.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
            hashes.add(h);
            assertThat(tree.appendLeafHash(h)).isEqualTo(i);
            for (int size = 0; size <= hashes.size(); size++) {
                assertThat(tree.rootAt(size)).as("size %d after %d", size, i + 1).isEqualTo(referenceRoot(hashes.subList(0, size)));
            }
        }
    }

    @Test
    void consistencyProofsVerifyBetweenAllSizesAndTamperedOnesDoNot() {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 70; i++) {
            tree.appendLeafHash(MerkleHashes.leafHash(("e" + i).getBytes(StandardCharsets.UTF_8)));
        }
        Random random = new Random(9162);
        for (long newSize = 1; newSize <= tree.size(); newSize++) {
            for (long oldSize = 1; oldSize <= newSize; oldSize++) {
                ConsistencyProof proof = tree.consistencyProof(oldSize, newSize);
                byte[] oldRoot = tree.rootAt(oldSize);
                byte[] newRoot = tree.rootAt(newSize);
                assertThat(proof.verify(oldRoot, newRoot)).as("%d -> %d", oldSize, newSize).isTrue();
                if (oldSize < newSize) {
                    byte[] wrongOld = oldRoot.clone();
                    wrongOld[31] ^= 1;
                    assertThat(proof.verify(wrongOld, newRoot)).as("wrong old root %d -> %d", oldSize, newSize).isFalse();
                    byte[] wrongNew = newRoot.clone();
                    wrongNew[0] ^= 1;
                    assertThat(proof.verify(oldRoot, wrongNew)).isFalse();
                    List<byte[]> hashes = new ArrayList<>(proof.hashes());
                    if (!hashes.isEmpty()) {
                        int at = random.nextInt(hashes.size());
                        byte[] h = hashes.get(at).clone();
                        h[random.nextInt(h.length)] ^= 0x10;
                        hashes.set(at, h);
                        assertThat(new ConsistencyProof(oldSize, newSize, hashes).verify(oldRoot, newRoot))
                                .as("tampered %d -> %d", oldSize, newSize).isFalse();
                        assertThat(new ConsistencyProof(oldSize, newSize, proof.hashes().subList(0, proof.hashes().size() - 1))
                                .verify(oldRoot, newRoot)).as("shortened %d -> %d", oldSize, newSize).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aRewrittenHistoryHasNoConsistencyProof() {
        MerkleTree honest = new MerkleTree();
        MerkleTree forked = new MerkleTree();
        for (int i = 0; i < 20; i++) {
            honest.appendLeafHash(MerkleHashes.leafHash(new byte[] {(byte) i}));
            forked.appendLeafHash(MerkleHashes.leafHash(new byte[] {(byte) (i == 5 ? 99 : i)}));
        }
        ConsistencyProof proof = forked.consistencyProof(8, 20);
        assertThat(proof.verify(honest.rootAt(8), forked.rootAt(20))).isFalse();
    }

    @Test
    void theDirectoryReopensToTheSameTreeAndDropsATornLastRecord(@TempDir Path dir) throws IOException {
        byte[] root;
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            for (int i = 0; i < 11; i++) {
                assertThat(log.append(("entry-" + i).getBytes(StandardCharsets.UTF_8))).isEqualTo(i);
            }
            root = log.tree().root();
        }
        // a writer that died mid-append leaves a partial record behind
        Files.write(dir.resolve(AppendOnlyLog.ENTRIES_FILE), new byte[] {0, 0, 0, 50, 1, 2}, StandardOpenOption.APPEND);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(11);
            assertThat(log.tree().root()).isEqualTo(root);
            assertThat(new String(log.entry(7), StandardCharsets.UTF_8)).isEqualTo("entry-7");
            log.append("entry-11".getBytes(StandardCharsets.UTF_8));
            assertThat(log.tree().consistencyProof(11, 12).verify(root, log.tree().root())).isTrue();
        }
    }

    @Test
    void aReopenedLogRefusesEntriesEditedOrRemovedBehindItsLastSignedCheckpoint(@TempDir Path dir) throws Exception {
        var keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = NoteSigner.ed25519("audit.test", keys.getPrivate(), keys.getPublic());
        String note;
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            for (int i = 0; i < 5; i++) {
                log.append(("record-" + i).getBytes(StandardCharsets.UTF_8));
            }
            note = log.signCheckpoint("audit.test", signer);
        }
        assertThat(Checkpoint.ofNote(note).size()).isEqualTo(5);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.tree().root()).isEqualTo(Checkpoint.ofNote(note).rootHash());
            log.append("unsigned yet".getBytes(StandardCharsets.UTF_8));
        }
        Path entries = dir.resolve(AppendOnlyLog.ENTRIES_FILE);
        byte[] original = Files.readAllBytes(entries);
        // an edit that keeps every record's CRC-32C right, as someone editing on purpose would
        java.io.ByteArrayOutputStream edited = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            edited.write(RecordFile.frame(("record-" + (i == 3 ? "X" : i)).getBytes(StandardCharsets.UTF_8)).array());
        }
        edited.write(RecordFile.frame("unsigned yet".getBytes(StandardCharsets.UTF_8)).array());
        Files.write(entries, edited.toByteArray());
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("altered");
        // keep the first three records only: two signed entries are gone
        int cut = 0;
        for (int i = 0; i < 3; i++) {
            cut += RecordFile.HEADER + java.nio.ByteBuffer.wrap(original, cut + 4, 4).getInt();
        }
        Files.write(entries, java.util.Arrays.copyOf(original, cut));
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("removed");
        Files.write(entries, original);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(6);
        }
    }

    @Test
    void aCorruptLengthFailsTheOpen(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(AppendOnlyLog.ENTRIES_FILE), new byte[] {(byte) 0xff, 0, 0, 0, 1});
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void checkpointTextIsTheC2spLayout() throws Exception {
        MerkleTree tree = new MerkleTree();
        tree.appendLeafHash(MerkleHashes.leafHash(new byte[0]));
        Checkpoint checkpoint = new Checkpoint("example.test/log", 1, tree.root());
        assertThat(checkpoint.text()).isEqualTo("example.test/log\n1\n"
                + java.util.Base64.getEncoder().encodeToString(tree.root()) + "\n");
        assertThatThrownBy(() -> new Checkpoint("two\nlines", 1, tree.root())).isInstanceOf(IllegalArgumentException.class);
    }
}
