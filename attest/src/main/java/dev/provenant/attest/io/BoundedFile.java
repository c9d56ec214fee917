package dev.provenant.attest.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a whole input file, refusing it once more than its cap has been read. The cap is enforced on
 * the stream, not on a size the file system reports first, so it holds for pipes, process
 * substitutions and devices ({@code /dev/zero}) as well as for regular files, and for a file that grows
 * while it is read. At most the cap plus one byte is ever held.
 */
public final class BoundedFile {
    private static final int CHUNK = 64 << 10;

    private BoundedFile() {}

    /** The file's bytes, at most {@code limit.maxBytes()}. */
    public static byte[] read(Path file, InputLimit limit) throws IOException {
        return read(file, limit.maxBytes(), limit.what(), limit.describeCap());
    }

    /** The file as text in {@code charset}, at most {@code limit.maxBytes()} bytes of it. */
    public static String readString(Path file, InputLimit limit, Charset charset) throws IOException {
        return new String(read(file, limit), charset);
    }

    /**
     * @param what the kind of file, for the message ("bundle")
     * @param cap the cap as the message should state it
     */
    static byte[] read(Path file, int maxBytes, String what, String cap) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes, () -> new InputTooLargeException(file.toString(), what, cap));
        }
    }

    /** All of {@code in}, at most {@code limit.maxBytes()}; {@code name} names the stream in the message. */
    public static byte[] read(InputStream in, InputLimit limit, String name) throws IOException {
        return read(in, limit.maxBytes(), () -> new InputTooLargeException(name, limit.what(), limit.describeCap()));
    }

    private interface TooLarge {
        InputTooLargeException exception();
    }

    private static byte[] read(InputStream in, int maxBytes, TooLarge tooLarge) throws IOException {
        // Grows as bytes arrive, so a small file costs little and a huge one never more than the cap.
        byte[] buffer = new byte[Math.min(CHUNK, maxBytes + 1)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBytes) {
                    throw tooLarge.exception();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) maxBytes + 1, 2L * buffer.length));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length > maxBytes) {
            throw tooLarge.exception();
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }
}
