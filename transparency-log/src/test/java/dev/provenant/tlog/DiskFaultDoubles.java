package dev.provenant.tlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Test doubles for a disk this machine cannot be made to have on demand: one that fills up mid-write
 * (ENOSPC), and one whose force or truncate fails (EIO). Each wraps the real file storage, so what the
 * log leaves behind is checked on the real file afterwards.
 */
final class DiskFaultDoubles {
    private DiskFaultDoubles() {}

    /** A disk with a settable number of free bytes; a write beyond them lands partly, then fails. */
    static final class FullDiskDouble implements LogStorage {
        private final LogStorage real;
        long free = Long.MAX_VALUE;
        boolean truncateFails;

        FullDiskDouble(Path file) throws IOException {
            this.real = LogStorage.file(file);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return real.read(target, position);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            if (source.remaining() > free) {
                int fits = (int) free;
                ByteBuffer part = source.slice().limit(fits);
                int written = 0;
                while (part.hasRemaining()) {
                    written += real.write(part, position + written);
                }
                source.position(source.position() + written);
                free = 0;
                throw new IOException("No space left on device");
            }
            int written = real.write(source, position);
            free -= written;
            return written;
        }

        @Override
        public void truncate(long size) throws IOException {
            if (truncateFails) {
                throw new IOException("Input/output error");
            }
            long before = real.size();
            real.truncate(size);
            if (free != Long.MAX_VALUE) {
                free += Math.max(0, before - real.size());
            }
        }

        @Override
        public void force() throws IOException {
            real.force();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }

    /** A disk whose next force fails, as fsync does on an I/O error; the write itself lands. */
    static final class FailingForceDouble implements LogStorage {
        private final LogStorage real;
        int forcesToFail;

        FailingForceDouble(Path file) throws IOException {
            this.real = LogStorage.file(file);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return real.read(target, position);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            return real.write(source, position);
        }

        @Override
        public void truncate(long size) throws IOException {
            real.truncate(size);
        }

        @Override
        public void force() throws IOException {
            if (forcesToFail > 0) {
                forcesToFail--;
                throw new IOException("Input/output error");
            }
            real.force();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
