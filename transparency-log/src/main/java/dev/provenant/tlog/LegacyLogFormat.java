package dev.provenant.tlog;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The first file format of the log, records framed as a 4-byte big-endian length and the bytes, with no
 * check. A file in it is rewritten once into checked records ({@link RecordFile}) when the log opens:
 * written beside it, forced, and moved over it, so a failure leaves the old file whole; the original
 * stays beside it as {@code NAME.format1}.
 */
final class LegacyLogFormat {
    /** The original of a rewritten file is kept under its name with this suffix. */
    static final String LEGACY_SUFFIX = ".format1";
    private LegacyLogFormat() {}

    /** Rewrites {@code file} in the checked format if it is in the old one; does nothing otherwise. */
    static void migrateIfNeeded(Path file, String name, int maxRecord) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < RecordFile.MAGIC.length || !isLegacy(file)) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".migrating");
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 65536));
                FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            long position = 0;
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    break; // the end, or a length cut short: a record that was never acknowledged
                }
                if (length < 0 || length > maxRecord) {
                    throw new IOException("the " + name + " file (old format) is corrupt at byte " + position + ": its record claims "
                            + Integer.toUnsignedString(length) + " bytes; it is left as it is, for inspection or restore from a backup");
                }
                byte[] record = in.readNBytes(length);
                if (record.length < length) {
                    break; // a record cut short at the end: never acknowledged
                }
                ByteBuffer framed = RecordFile.frame(record);
                while (framed.hasRemaining()) {
                    out.write(framed);
                }
                position += 4 + length;
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        // the original stays beside the log: the first format cannot tell a torn tail from a partial record
        // with entries after it, and the checkpoint check that finds the second runs after this rewrite
        Path original = file.resolveSibling(file.getFileName() + LEGACY_SUFFIX);
        Files.deleteIfExists(original);
        try {
            Files.createLink(original, file);
        } catch (UnsupportedOperationException e) {
            Files.copy(file, original);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        AppendOnlyLog.forceDirectory(file.getParent());
    }

    // Not the checked format's magic, and not only zeros (a first checked record torn before its bytes landed).
    private static boolean isLegacy(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            byte[] start = in.readNBytes(RecordFile.MAGIC.length);
            if (Arrays.equals(start, RecordFile.MAGIC)) {
                return false;
            }
            boolean zeros = Arrays.equals(start, new byte[start.length]);
            int b;
            while (zeros && (b = in.read()) >= 0) {
                zeros = b == 0;
            }
            return !zeros;
        }
    }
}
