package dev.provenant.tlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one log file as {@link AppendOnlyLog} reads and writes them: positional reads and writes,
 * truncation and a force to the device. {@link #file} is the real one; tests pass their own to
 * {@link AppendOnlyLog#open(Path, Opener)} to play a full or failing disk.
 */
public interface LogStorage extends Closeable {
    /** Opens (creating if missing) the storage of one named file of the log's directory. */
    @FunctionalInterface
    interface Opener {
        LogStorage open(Path file) throws IOException;
    }

    long size() throws IOException;

    /** Reads into {@code target} from {@code position}; -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /** Writes some of {@code source} at {@code position}; the number of bytes written. */
    int write(ByteBuffer source, long position) throws IOException;

    void truncate(long size) throws IOException;

    /** Forces every write and the file's length to the storage device. */
    void force() throws IOException;

    /** A file, through a {@link FileChannel}. */
    static LogStorage file(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new LogStorage() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public int read(ByteBuffer target, long position) throws IOException {
                return channel.read(target, position);
            }

            @Override
            public int write(ByteBuffer source, long position) throws IOException {
                return channel.write(source, position);
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
            }

            @Override
            public void force() throws IOException {
                channel.force(true);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
