package dev.provenant.tlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle log persisted in a directory: every entry is appended to {@code entries} as a 4-byte
 * big-endian length and the entry's bytes, forced to disk before its index is returned. Opening the
 * directory again replays the file and rebuilds the same tree, so roots and proofs survive restarts.
 *
 * <p>A record cut short at the end of the file was never acknowledged (the writer died before the
 * force), so opening drops it; anything else unreadable fails the open.
 */
public final class AppendOnlyLog implements Closeable {
    public static final String ENTRIES_FILE = "entries";
    private static final int MAX_ENTRY = 64 * 1024 * 1024;

    private final FileChannel file;
    private final MerkleTree tree = new MerkleTree();
    private final List<Long> offsets = new ArrayList<>();

    private AppendOnlyLog(FileChannel file) {
        this.file = file;
    }

    public static AppendOnlyLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(ENTRIES_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        AppendOnlyLog log = new AppendOnlyLog(channel);
        try {
            log.replay();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return log;
    }

    private void replay() throws IOException {
        long end = file.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(4);
        while (position < end) {
            if (end - position < 4) {
                break;
            }
            header.clear();
            readFully(header, position);
            int length = header.flip().getInt();
            if (length < 0 || length > MAX_ENTRY) {
                throw new IOException("log entry at byte " + position + " claims " + length + " bytes: the entries file is corrupt");
            }
            if (end - position - 4 < length) {
                break;
            }
            ByteBuffer entry = ByteBuffer.allocate(length);
            readFully(entry, position + 4);
            offsets.add(position);
            tree.appendLeafHash(MerkleHashes.leafHash(entry.array()));
            position += 4 + length;
        }
        if (position < end) {
            file.truncate(position);
            file.force(true);
        }
    }

    /** Appends an entry, durably, and returns its leaf index. */
    public synchronized long append(byte[] entry) throws IOException {
        if (entry.length > MAX_ENTRY) {
            throw new IllegalArgumentException("a log entry may have at most " + MAX_ENTRY + " bytes");
        }
        long position = file.size();
        ByteBuffer record = ByteBuffer.allocate(4 + entry.length).putInt(entry.length).put(entry).flip();
        while (record.hasRemaining()) {
            file.write(record, position + record.position());
        }
        file.force(false);
        offsets.add(position);
        return tree.appendLeafHash(MerkleHashes.leafHash(entry));
    }

    public synchronized byte[] entry(long index) throws IOException {
        if (index < 0 || index >= offsets.size()) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + offsets.size());
        }
        long position = offsets.get((int) index);
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header, position);
        ByteBuffer entry = ByteBuffer.allocate(header.flip().getInt());
        readFully(entry, position + 4);
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

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the entries file ended early");
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
