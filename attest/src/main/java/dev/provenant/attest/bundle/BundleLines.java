package dev.provenant.attest.bundle;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.InputTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundles of a bundle file: one Sigstore bundle (a JSON document, on one line or many), or JSON lines
 * holding one bundle per line, as {@code gh attestation download} and slsa-github-generator's
 * {@code .intoto.jsonl} write them. Blank lines are left out. Every line must be a bundle: a malformed one
 * makes the whole file unreadable rather than being passed over, since a file that was tampered with should
 * not read as a shorter one.
 *
 * @param lines each bundle with its line number (1 for a single bundle)
 * @param jsonLines whether the file held JSON lines rather than one document
 */
public record BundleLines(List<Line> lines, boolean jsonLines) {
    /** The most bundles a file may hold: gh fetches at most 1000 attestations too. */
    public static final int MAX_LINES = 1000;

    /** A bundle and the line (1-based) it was read from. */
    public record Line(int number, Bundle bundle) {}

    public BundleLines {
        lines = List.copyOf(lines);
    }

    /** Reads {@code file} within {@link InputLimit#BUNDLE_LINES}, each bundle within {@link InputLimit#BUNDLE}. */
    public static BundleLines read(Path file) throws IOException, FormatException {
        return parse(BoundedFile.read(file, InputLimit.BUNDLE_LINES), file.toString());
    }

    /**
     * @param name names the file in messages
     * @throws InputTooLargeException when the one bundle, or a line, is over {@link InputLimit#BUNDLE}: the file
     *     cannot be read as bundles, as any input over its cap
     */
    public static BundleLines parse(byte[] bytes, String name) throws FormatException, InputTooLargeException {
        List<int[]> spans = nonBlankLines(bytes);
        if (spans.isEmpty()) {
            throw new FormatException(name + " is empty: it holds no bundle");
        }
        boolean lines = spans.size() > 1 && isOneLineObject(bytes, spans.get(0));
        if (!lines) {
            if (bytes.length > InputLimit.BUNDLE.maxBytes()) {
                throw new InputTooLargeException(name, InputLimit.BUNDLE.what(), InputLimit.BUNDLE.describeCap());
            }
            return new BundleLines(List.of(new Line(1, Bundle.parse(bytes))), false);
        }
        if (spans.size() > MAX_LINES) {
            throw new FormatException(name + " holds more than " + MAX_LINES + " bundle lines");
        }
        List<Line> out = new ArrayList<>();
        for (int[] span : spans) {
            int number = span[2];
            int length = span[1] - span[0];
            if (length > InputLimit.BUNDLE.maxBytes()) {
                throw new InputTooLargeException(name + " line " + number, InputLimit.BUNDLE.what(), InputLimit.BUNDLE.describeCap());
            }
            byte[] line = new byte[length];
            System.arraycopy(bytes, span[0], line, 0, length);
            try {
                out.add(new Line(number, Bundle.parse(line)));
            } catch (FormatException e) {
                throw new FormatException(name + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new BundleLines(out, true);
    }

    /** Each non-blank line as {start, end, line number}, without its line break. */
    private static List<int[]> nonBlankLines(byte[] bytes) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (!blank(bytes, start, end)) {
                    spans.add(new int[] {start, end, number});
                }
                start = i + 1;
                number++;
            }
        }
        return spans;
    }

    private static boolean blank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Whether a line opens and closes a JSON object, as a JSON lines record does (a pretty-printed bundle's first line is "{"). */
    private static boolean isOneLineObject(byte[] bytes, int[] span) {
        String text = new String(bytes, span[0], Math.min(span[1] - span[0], 1 << 16), StandardCharsets.UTF_8).strip();
        String tail = new String(bytes, Math.max(span[0], span[1] - 16), Math.min(16, span[1] - span[0]), StandardCharsets.UTF_8).strip();
        return text.startsWith("{") && tail.endsWith("}");
    }
}
