package dev.provenant.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.tlog.DiskFaultDoubles.FailingForceDouble;
import dev.provenant.tlog.DiskFaultDoubles.FullDiskDouble;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed append, a crash mid-append, a corrupted file and a file in the first format leave of the log. */
class AppendOnlyLogDurabilityTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path entries(Path dir) {
        return dir.resolve(AppendOnlyLog.ENTRIES_FILE);
    }

    @Test
    void aFullDiskLeavesTheLogAsItWasAndTheNextEntryTakesTheSameIndex(@TempDir Path dir) throws IOException {
        FullDiskDouble[] disk = new FullDiskDouble[1];
        byte[] root;
        long before;
        try (AppendOnlyLog log = AppendOnlyLog.open(dir, file -> file.endsWith(AppendOnlyLog.ENTRIES_FILE)
                ? (disk[0] = new FullDiskDouble(file)) : LogStorage.file(file))) {
            for (int i = 0; i < 3; i++) {
                log.append(bytes("entry-" + i));
            }
            root = log.tree().root();
            before = Files.size(entries(dir));
            disk[0].free = 20;
            assertThatThrownBy(() -> log.append(new byte[1000])).isInstanceOf(IOException.class).hasMessageContaining("No space");
            assertThat(Files.size(entries(dir))).as("the partial record is rolled back").isEqualTo(before);
            assertThat(log.size()).isEqualTo(3);
            assertThat(log.tree().root()).isEqualTo(root);
            disk[0].free = Long.MAX_VALUE;
            assertThat(log.append(bytes("entry-3"))).isEqualTo(3);
        }
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(4);
            assertThat(new String(log.entry(3), StandardCharsets.UTF_8)).isEqualTo("entry-3");
            assertThat(log.tree().consistencyProof(3, 4).verify(root, log.tree().root())).isTrue();
        }
    }

    @Test
    void aFailedForceIsRolledBackSoTheEntryIsNotInTheLog(@TempDir Path dir) throws IOException {
        FailingForceDouble[] disk = new FailingForceDouble[1];
        long before;
        try (AppendOnlyLog log = AppendOnlyLog.open(dir, file -> file.endsWith(AppendOnlyLog.ENTRIES_FILE)
                ? (disk[0] = new FailingForceDouble(file)) : LogStorage.file(file))) {
            log.append(bytes("entry-0"));
            before = Files.size(entries(dir));
            disk[0].forcesToFail = 1;
            assertThatThrownBy(() -> log.append(bytes("never acknowledged"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(Files.size(entries(dir))).isEqualTo(before);
            assertThat(log.append(bytes("entry-1"))).isEqualTo(1);
        }
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(2);
            assertThat(new String(log.entry(1), StandardCharsets.UTF_8)).isEqualTo("entry-1");
        }
    }

    @Test
    void aRollbackThatFailsStopsAppendsAndTheNextOpenDropsTheTornRecord(@TempDir Path dir) throws IOException {
        FullDiskDouble[] disk = new FullDiskDouble[1];
        try (AppendOnlyLog log = AppendOnlyLog.open(dir, file -> file.endsWith(AppendOnlyLog.ENTRIES_FILE)
                ? (disk[0] = new FullDiskDouble(file)) : LogStorage.file(file))) {
            log.append(bytes("entry-0"));
            disk[0].free = 30;
            disk[0].truncateFails = true;
            assertThatThrownBy(() -> log.append(new byte[500])).isInstanceOf(IOException.class);
            disk[0].free = Long.MAX_VALUE;
            disk[0].truncateFails = false;
            // the partial record is still on disk: nothing may be acknowledged after it
            assertThatThrownBy(() -> log.append(bytes("after the partial record"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("could not be restored");
            assertThat(log.size()).isEqualTo(1);
        }
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.append(bytes("entry-1"))).isEqualTo(1);
        }
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(2);
        }
    }

    @Test
    void aFailedCheckpointWriteIsRolledBackToo(@TempDir Path dir) throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = NoteSigner.ed25519("audit.test", keys.getPrivate(), keys.getPublic());
        FullDiskDouble[] disk = new FullDiskDouble[1];
        try (AppendOnlyLog log = AppendOnlyLog.open(dir, file -> file.endsWith(AppendOnlyLog.CHECKPOINTS_FILE)
                ? (disk[0] = new FullDiskDouble(file)) : LogStorage.file(file))) {
            log.append(bytes("entry-0"));
            log.signCheckpoint("audit.test", signer);
            log.append(bytes("entry-1"));
            disk[0].free = 5;
            assertThatThrownBy(() -> log.signCheckpoint("audit.test", signer)).isInstanceOf(IOException.class);
            disk[0].free = Long.MAX_VALUE;
            log.append(bytes("entry-2"));
            assertThat(Checkpoint.ofNote(log.signCheckpoint("audit.test", signer)).size()).isEqualTo(3);
        }
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(3);
        }
    }

    @Test
    void aRecordTornAtTheEndOfARealFileIsTruncatedOnOpen(@TempDir Path dir) throws IOException {
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            log.append(bytes("entry-0"));
            log.append(bytes("entry-1"));
        }
        long whole = Files.size(entries(dir));
        // a valid header whose payload never fully landed
        ByteBuffer torn = RecordFile.frame(bytes("a longer entry that was being written"));
        Files.write(entries(dir), Arrays.copyOf(torn.array(), RecordFile.HEADER + 5), StandardOpenOption.APPEND);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(2);
        }
        assertThat(Files.size(entries(dir))).isEqualTo(whole);
        // the whole record is there but its last bytes are not (a crash between the size and the data landing)
        byte[] unwritten = torn.array().clone();
        Arrays.fill(unwritten, RecordFile.HEADER + 10, unwritten.length, (byte) 0);
        Files.write(entries(dir), unwritten, StandardOpenOption.APPEND);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(2);
        }
        assertThat(Files.size(entries(dir))).isEqualTo(whole);
        // the file grew but none of the record's bytes landed
        Files.write(entries(dir), new byte[64], StandardOpenOption.APPEND);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(2);
            assertThat(new String(log.entry(1), StandardCharsets.UTF_8)).isEqualTo("entry-1");
        }
        assertThat(Files.size(entries(dir))).isEqualTo(whole);
    }

    @Test
    void corruptionBeforeTheEndFailsTheOpenNamingTheByteAndChangesNothing(@TempDir Path dir) throws IOException {
        long second;
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            log.append(bytes("entry-0"));
            second = Files.size(entries(dir));
            log.append(bytes("entry-1"));
            log.append(bytes("entry-2"));
        }
        byte[] original = Files.readAllBytes(entries(dir));
        byte[] flipped = original.clone();
        flipped[(int) second + RecordFile.HEADER + 2] ^= 0x01;
        Files.write(entries(dir), flipped);
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt at byte " + second).hasMessageContaining("CRC-32C");
        assertThat(Files.readAllBytes(entries(dir))).isEqualTo(flipped);
        byte[] badHeader = original.clone();
        badHeader[(int) second + 5] ^= 0x40;
        Files.write(entries(dir), badHeader);
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt at byte " + second);
        assertThat(Files.readAllBytes(entries(dir))).isEqualTo(badHeader);
        Files.write(entries(dir), original);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(3);
        }
    }

    @Test
    void aTornTailIsKeptWhenTheOpenIsRefused(@TempDir Path dir) throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = NoteSigner.ed25519("audit.test", keys.getPrivate(), keys.getPublic());
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            log.append(bytes("entry-0"));
            log.append(bytes("entry-1"));
            log.signCheckpoint("audit.test", signer);
        }
        byte[] original = Files.readAllBytes(entries(dir));
        // the last, signed entry's bytes damaged: it reads as torn, but the checkpoint covers it
        byte[] damaged = original.clone();
        damaged[damaged.length - 1] ^= 0x01;
        Files.write(entries(dir), damaged);
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("removed");
        assertThat(Files.readAllBytes(entries(dir))).isEqualTo(damaged);
    }

    @Test
    void aLogInTheFirstFormatOpensAndIsRewrittenInCheckedRecords(@TempDir Path dir) throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = NoteSigner.ed25519("audit.test", keys.getPrivate(), keys.getPublic());
        MerkleTree tree = new MerkleTree();
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] entry = bytes("legacy-" + i);
            old.write(ByteBuffer.allocate(4).putInt(entry.length).array());
            old.write(entry);
            tree.appendLeafHash(MerkleHashes.leafHash(entry));
        }
        old.write(new byte[] {0, 0, 0, 40, 'x'}); // a torn last record, as the first format dropped it
        String note = SignedNote.sign(new Checkpoint("audit.test", 5, tree.root()), signer);
        byte[] noteBytes = bytes(note);
        Files.write(entries(dir), old.toByteArray());
        Files.write(dir.resolve(AppendOnlyLog.CHECKPOINTS_FILE),
                ByteBuffer.allocate(4 + noteBytes.length).putInt(noteBytes.length).put(noteBytes).array());
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(5);
            assertThat(log.tree().root()).isEqualTo(tree.root());
            assertThat(new String(log.entry(4), StandardCharsets.UTF_8)).isEqualTo("legacy-4");
            log.append(bytes("checked-5"));
        }
        assertThat(Arrays.copyOf(Files.readAllBytes(entries(dir)), 4)).isEqualTo(RecordFile.MAGIC);
        assertThat(Arrays.copyOf(Files.readAllBytes(dir.resolve(AppendOnlyLog.CHECKPOINTS_FILE)), 4)).isEqualTo(RecordFile.MAGIC);
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            assertThat(log.size()).isEqualTo(6);
            assertThat(new String(log.entry(5), StandardCharsets.UTF_8)).isEqualTo("checked-5");
        }
    }

    @Test
    void aFirstFormatFileWithAPartialRecordInsideIsRefusedAndItsOriginalKept(@TempDir Path dir) throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = NoteSigner.ed25519("audit.test", keys.getPrivate(), keys.getPublic());
        // what a failed append left in the first format: a partial record, then an entry acknowledged after it
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        old.write(new byte[] {0, 0, 0, 7});
        old.write(bytes("entry-0"));
        old.write(new byte[] {0, 0, 0x10, 0});
        old.write(bytes("partial"));
        old.write(new byte[] {0, 0, 0, 7});
        old.write(bytes("entry-1"));
        byte[] before = old.toByteArray();
        Files.write(entries(dir), before);
        MerkleTree acknowledged = new MerkleTree();
        acknowledged.appendLeafHash(MerkleHashes.leafHash(bytes("entry-0")));
        acknowledged.appendLeafHash(MerkleHashes.leafHash(bytes("entry-1")));
        byte[] note = bytes(SignedNote.sign(new Checkpoint("audit.test", 2, acknowledged.root()), signer));
        Files.write(dir.resolve(AppendOnlyLog.CHECKPOINTS_FILE), ByteBuffer.allocate(4 + note.length).putInt(note.length).put(note).array());
        // the partial record's length runs past the end, so it reads as a torn tail that hides entry-1:
        // the checkpoint that covers entry-1 refuses the open, and the original file is kept
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("removed");
        assertThat(Files.readAllBytes(dir.resolve(AppendOnlyLog.ENTRIES_FILE + LegacyLogFormat.LEGACY_SUFFIX))).isEqualTo(before);
    }

    @Test
    void anEntryOverTheRecordBoundIsRefusedAndARecordClaimingMoreIsCorrupt(@TempDir Path dir) throws IOException {
        try (AppendOnlyLog log = AppendOnlyLog.open(dir)) {
            log.append(bytes("entry-0"));
            assertThatThrownBy(() -> log.append(new byte[AppendOnlyLog.MAX_ENTRY + 1])).isInstanceOf(IllegalArgumentException.class);
            assertThat(log.append(bytes("entry-1"))).isEqualTo(1);
        }
        // a header that checks but claims more than the bound: not a torn tail, however short the file
        ByteBuffer header = ByteBuffer.allocate(RecordFile.HEADER).put(RecordFile.MAGIC).putInt(AppendOnlyLog.MAX_ENTRY + 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.array(), 0, 8);
        header.putInt((int) crc.getValue()).putInt(0);
        long end = Files.size(entries(dir));
        Files.write(entries(dir), header.array(), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AppendOnlyLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt at byte " + end);
    }
}
