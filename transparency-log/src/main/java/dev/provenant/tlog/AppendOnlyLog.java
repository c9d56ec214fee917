package dev.provenant.tlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle log persisted in a directory: every entry is appended to {@code entries} as a 4-byte
 * big-endian length and the entry's bytes, forced to disk before its index is returned. Opening the
 * directory again replays the file and rebuilds the same tree, so roots and proofs survive restarts.
 * Checkpoints signed through {@link #signCheckpoint} are appended to {@code checkpoints} the same way,
 * and opening fails when the rebuilt tree does not have the last one's root at its size: an entry
 * edited or removed behind the log's back is found at the next start, not served.
 *
 * <p>A record cut short at the end of a file was never acknowledged (the writer died before the
 * force), so opening drops it; anything else unreadable fails the open.
 */
public final class AppendOnlyLog implements Closeable {
    public static final String ENTRIES_FILE = "entries";
    public static final String CHECKPOINTS_FILE = "checkpoints";
    private static final int MAX_ENTRY = 64 * 1024 * 1024;

    private final FileChannel file;
    private final FileChannel checkpoints;
    private final MerkleTree tree = new MerkleTree();
    private final List<Long> offsets = new ArrayList<>();

    private AppendOnlyLog(FileChannel file, FileChannel checkpoints) {
        this.file = file;
        this.checkpoints = checkpoints;
    }

    public static AppendOnlyLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel entries = FileChannel.open(directory.resolve(ENTRIES_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel checkpoints;
        try {
            checkpoints = FileChannel.open(directory.resolve(CHECKPOINTS_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            entries.close();
            throw e;
        }
        AppendOnlyLog log = new AppendOnlyLog(entries, checkpoints);
        try {
            List<byte[]> records = new ArrayList<>();
            replay(entries, "entries", (position, record) -> {
                log.offsets.add(position);
                log.tree.appendLeafHash(MerkleHashes.leafHash(record));
            });
            replay(checkpoints, "checkpoints", (position, record) -> {
                records.clear();
                records.add(record);
            });
            if (!records.isEmpty()) {
                log.checkAgainst(new String(records.get(0), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    private interface RecordSink {
        void accept(long position, byte[] record);
    }

    private static void replay(FileChannel channel, String name, RecordSink sink) throws IOException {
        long end = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(4);
        while (position < end) {
            if (end - position < 4) {
                break;
            }
            header.clear();
            readFully(channel, header, position);
            int length = header.flip().getInt();
            if (length < 0 || length > MAX_ENTRY) {
                throw new IOException("the record at byte " + position + " claims " + length + " bytes: the " + name + " file is corrupt");
            }
            if (end - position - 4 < length) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(length);
            readFully(channel, record, position + 4);
            sink.accept(position, record.array());
            position += 4 + length;
        }
        if (position < end) {
            channel.truncate(position);
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

    /** Appends an entry, durably, and returns its leaf index. */
    public synchronized long append(byte[] entry) throws IOException {
        if (entry.length > MAX_ENTRY) {
            throw new IllegalArgumentException("a log entry may have at most " + MAX_ENTRY + " bytes");
        }
        long position = write(file, entry);
        offsets.add(position);
        return tree.appendLeafHash(MerkleHashes.leafHash(entry));
    }

    /**
     * Signs the checkpoint of the whole tree as it is now, under {@code origin}, and records the signed
     * note durably before returning it.
     */
    public synchronized String signCheckpoint(String origin, NoteSigner signer) throws IOException, GeneralSecurityException {
        String note = SignedNote.sign(checkpoint(origin, tree.size()), signer);
        write(checkpoints, note.getBytes(StandardCharsets.UTF_8));
        return note;
    }

    private static long write(FileChannel channel, byte[] bytes) throws IOException {
        long position = channel.size();
        ByteBuffer record = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
        while (record.hasRemaining()) {
            channel.write(record, position + record.position());
        }
        channel.force(false);
        return position;
    }

    public synchronized byte[] entry(long index) throws IOException {
        if (index < 0 || index >= offsets.size()) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + offsets.size());
        }
        long position = offsets.get((int) index);
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(file, header, position);
        ByteBuffer entry = ByteBuffer.allocate(header.flip().getInt());
        readFully(file, entry, position + 4);
        return entry.array();
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

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the log file ended early");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            checkpoints.close();
        }
    }
}
