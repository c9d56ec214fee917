package dev.provenant.tlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle log persisted in a directory: every entry is appended to {@code entries} as a checked record
 * (magic, length, CRC-32C; see {@link RecordFile}) and forced to disk before its index is returned. An
 * append whose write or force fails is rolled back, so the file is as it was and the next entry takes the
 * same index. Opening the directory again replays the file and rebuilds the same tree, so roots and proofs
 * survive restarts. Checkpoints signed through {@link #signCheckpoint} are appended to {@code checkpoints}
 * the same way, and opening fails when the rebuilt tree does not have the last one's root at its size: an
 * entry edited or removed behind the log's back is found at the next start, not served.
 *
 * <p>A torn tail (the bytes of an append that never returned) is truncated when the log opens, after
 * the checkpoint check passed; a record that does not check anywhere else fails the open with the byte it
 * starts at. Files in the first format (length and bytes, unchecked) are rewritten into checked records
 * on open.
 */
public final class AppendOnlyLog implements Closeable {
    public static final String ENTRIES_FILE = "entries";
    public static final String CHECKPOINTS_FILE = "checkpoints";
    /** The most bytes one entry or checkpoint may have. */
    public static final int MAX_ENTRY = 64 * 1024 * 1024;

    private final MerkleTree tree = new MerkleTree();
    private final List<Long> offsets = new ArrayList<>();
    private RecordFile file;
    private RecordFile checkpoints;

    private AppendOnlyLog() {}

    public static AppendOnlyLog open(Path directory) throws IOException {
        return open(directory, LogStorage::file);
    }

    /** Opens the log with its files' bytes kept by {@code storage}; the real files are {@link LogStorage#file}. */
    public static AppendOnlyLog open(Path directory, LogStorage.Opener storage) throws IOException {
        Files.createDirectories(directory);
        Path entriesPath = directory.resolve(ENTRIES_FILE);
        Path checkpointsPath = directory.resolve(CHECKPOINTS_FILE);
        boolean created = !Files.exists(entriesPath) || !Files.exists(checkpointsPath);
        LegacyLogFormat.migrateIfNeeded(entriesPath, ENTRIES_FILE, MAX_ENTRY);
        LegacyLogFormat.migrateIfNeeded(checkpointsPath, CHECKPOINTS_FILE, MAX_ENTRY);
        AppendOnlyLog log = new AppendOnlyLog();
        LogStorage entries = storage.open(entriesPath);
        LogStorage notes;
        try {
            notes = storage.open(checkpointsPath);
        } catch (IOException | RuntimeException e) {
            entries.close();
            throw e;
        }
        try {
            log.file = RecordFile.scan(entries, ENTRIES_FILE, MAX_ENTRY, (position, record) -> {
                log.offsets.add(position);
                log.tree.appendLeafHash(MerkleHashes.leafHash(record));
            });
        } catch (IOException | RuntimeException e) {
            entries.close();
            notes.close();
            throw e;
        }
        try {
            byte[][] last = new byte[1][];
            log.checkpoints = RecordFile.scan(notes, CHECKPOINTS_FILE, MAX_ENTRY, (position, record) -> last[0] = record);
            if (last[0] != null) {
                log.checkAgainst(new String(last[0], StandardCharsets.UTF_8));
            }
            log.file.dropTornTail();
            log.checkpoints.dropTornTail();
            if (created) {
                forceDirectory(directory);
            }
        } catch (IOException | RuntimeException e) {
            log.close();
            if (log.checkpoints == null) {
                notes.close();
            }
            throw e;
        }
        return log;
    }

    /** Forces a directory's entries (files created or renamed in it) to disk. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private void checkAgainst(String note) throws IOException {
        Checkpoint last;
        try {
            last = Checkpoint.ofNote(note);
        } catch (IllegalArgumentException e) {
            throw new IOException("the last signed checkpoint is unreadable: " + e.getMessage());
        }
        if (last.size() > tree.size()) {
            throw new IOException("the log holds " + tree.size() + " entries but its last signed checkpoint covers " + last.size()
                    + ": entries were removed");
        }
        if (!java.security.MessageDigest.isEqual(tree.rootAt(last.size()), last.rootHash())) {
            throw new IOException("the log's first " + last.size() + " entries do not have the root of its last signed checkpoint:"
                    + " entries were altered");
        }
    }

    /**
     * Appends an entry, durably, and returns its leaf index. When the write or the force fails the entry
     * is not in the log, the file is as it was, and the exception is thrown.
     */
    public synchronized long append(byte[] entry) throws IOException {
        if (entry.length > MAX_ENTRY) {
            throw new IllegalArgumentException("a log entry may have at most " + MAX_ENTRY + " bytes");
        }
        long position = file.append(entry);
        offsets.add(position);
        return tree.appendLeafHash(MerkleHashes.leafHash(entry));
    }

    /**
     * Signs the checkpoint of the whole tree as it is now, under {@code origin}, and records the signed
     * note durably before returning it.
     */
    public synchronized String signCheckpoint(String origin, NoteSigner signer) throws IOException, GeneralSecurityException {
        String note = SignedNote.sign(checkpoint(origin, tree.size()), signer);
        checkpoints.append(note.getBytes(StandardCharsets.UTF_8));
        return note;
    }

    public synchronized byte[] entry(long index) throws IOException {
        if (index < 0 || index >= offsets.size()) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + offsets.size());
        }
        return file.read(offsets.get((int) index));
    }

    public synchronized long size() {
        return tree.size();
    }

    /** The tree, for roots and proofs at any size up to {@link #size()}. */
    public MerkleTree tree() {
        return tree;
    }

    /** The checkpoint of the tree's first {@code size} leaves under {@code origin}, to be signed. */
    public Checkpoint checkpoint(String origin, long size) {
        return new Checkpoint(origin, size, tree.rootAt(size));
    }

    @Override
    public void close() throws IOException {
        try {
            if (file != null) {
                file.close();
            }
        } finally {
            if (checkpoints != null) {
                checkpoints.close();
            }
        }
    }
}
