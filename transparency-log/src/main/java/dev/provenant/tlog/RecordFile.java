package dev.provenant.tlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One file of checked records, each framed as a 4-byte magic, a 4-byte big-endian payload length, the
 * CRC-32C of those 8 bytes, the CRC-32C of the payload, then the payload. A record is appended, forced to
 * the device and only then counted; a write or force that fails is rolled back by truncating the file to
 * where the record began, so a failed append leaves the file as it was.
 *
 * <p>Opening scans the file. What follows the last whole record is a torn tail, written by an append that
 * never returned, when it is: fewer than a header's bytes, zeros to the end of the file, a valid header
 * whose payload runs past the end, or a last record whose payload fails its CRC. Anything else that does
 * not check (a bad magic or header CRC, a payload CRC failure with records after it) is corruption, and
 * the open fails naming the byte it starts at; nothing is dropped silently.
 */
final class RecordFile implements AutoCloseable {
    static final byte[] MAGIC = {(byte) 0xF1, 'P', 'L', 'R'};
    static final int HEADER = 16;

    interface Sink {
        void accept(long position, byte[] record) throws IOException;
    }

    private final LogStorage storage;
    private final String name;
    private final int maxRecord;
    private long end;
    private IOException broken;

    private RecordFile(LogStorage storage, String name, int maxRecord) {
        this.storage = storage;
        this.name = name;
        this.maxRecord = maxRecord;
    }

    /**
     * Scans {@code storage}, passing each whole record to {@code sink}. The torn tail, if any, is not yet
     * removed: {@link #dropTornTail} does that once the caller has accepted what was read.
     */
    static RecordFile scan(LogStorage storage, String name, int maxRecord, Sink sink) throws IOException {
        RecordFile file = new RecordFile(storage, name, maxRecord);
        long size = storage.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < size) {
            long remaining = size - position;
            if (remaining < HEADER) {
                break;
            }
            header.clear();
            readFully(storage, header, position);
            header.flip();
            if (!hasMagic(header) || crc(header.array(), 0, 8) != header.getInt(8)) {
                if (zerosToEnd(storage, position, size)) {
                    break;
                }
                throw corrupt(name, position, "its record header does not check");
            }
            int length = header.getInt(4);
            if (length < 0 || length > maxRecord) {
                throw corrupt(name, position, "its record claims " + Integer.toUnsignedString(length) + " bytes, more than "
                        + maxRecord);
            }
            if (remaining - HEADER < length) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(storage, payload, position + HEADER);
            if (crc(payload.array(), 0, length) != header.getInt(12)) {
                if (position + HEADER + length == size) {
                    break;
                }
                throw corrupt(name, position, "its record's bytes do not match their CRC-32C");
            }
            sink.accept(position, payload.array());
            position += HEADER + length;
        }
        file.end = position;
        return file;
    }

    /** Whether the file holds bytes after its last whole record. */
    boolean hasTornTail() throws IOException {
        return storage.size() > end;
    }

    /** Truncates the bytes after the last whole record, which no append ever acknowledged. */
    void dropTornTail() throws IOException {
        if (hasTornTail()) {
            storage.truncate(end);
            storage.force();
        }
    }

    /** Appends a record durably and returns its position; a failure leaves the file as it was. */
    long append(byte[] payload) throws IOException {
        if (broken != null) {
            throw new IOException("the " + name + " file could not be restored after a failed write (" + broken.getMessage()
                    + "); reopen the log to recover it", broken);
        }
        if (payload.length > maxRecord) {
            throw new IllegalArgumentException("a log record may have at most " + maxRecord + " bytes");
        }
        long position = end;
        ByteBuffer record = frame(payload);
        try {
            while (record.hasRemaining()) {
                storage.write(record, position + record.position());
            }
            storage.force();
        } catch (IOException e) {
            rollBack(position, e);
            throw e;
        }
        end = position + HEADER + payload.length;
        return position;
    }

    private void rollBack(long position, IOException failure) {
        try {
            storage.truncate(position);
            storage.force();
        } catch (IOException e) {
            failure.addSuppressed(e);
            broken = failure;
        }
    }

    /** The record at {@code position}, as {@link #append} returned it, checked against its CRC. */
    byte[] read(long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(storage, header, position);
        header.flip();
        int length = header.getInt(4);
        if (!hasMagic(header) || crc(header.array(), 0, 8) != header.getInt(8) || length < 0 || length > maxRecord) {
            throw corrupt(name, position, "its record header does not check");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(storage, payload, position + HEADER);
        if (crc(payload.array(), 0, length) != header.getInt(12)) {
            throw corrupt(name, position, "its record's bytes do not match their CRC-32C");
        }
        return payload.array();
    }

    /** The framed form of one record. */
    static ByteBuffer frame(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.put(MAGIC).putInt(payload.length);
        record.putInt(crc(record.array(), 0, 8));
        record.putInt(crc(payload, 0, payload.length));
        record.put(payload);
        return record.flip();
    }

    private static boolean hasMagic(ByteBuffer header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static boolean zerosToEnd(LogStorage storage, long position, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        for (long at = position; at < size; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), size - at));
            readFully(storage, chunk, at);
            for (int i = 0; i < chunk.limit(); i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            at += chunk.limit();
        }
        return true;
    }

    private static IOException corrupt(String name, long position, String why) {
        return new IOException("the " + name + " file is corrupt at byte " + position + ": " + why
                + "; it is left as it is, for inspection or restore from a backup");
    }

    static void readFully(LogStorage storage, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (storage.read(buffer, position + buffer.position() - start) < 0) {
                throw new IOException("the log file ended early");
            }
        }
    }

    @Override
    public void close() throws IOException {
        storage.close();
    }
}
