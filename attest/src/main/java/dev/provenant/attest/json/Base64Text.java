package dev.provenant.attest.json;

import java.io.InputStream;
import java.io.IOException;
import java.util.Base64;

/**
 * Base64 as the protobuf JSON mapping reads it: standard or URL-safe alphabet, padded or not, with
 * line breaks ignored as Go's decoder (which wrote many bundles) ignores them. Anything else is rejected, naming the field, so a bundle with a corrupted base64 field fails to
 * parse instead of decoding to something else.
 */
public final class Base64Text {
    private Base64Text() {}

    public static byte[] decode(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = text.replace("\r", "").replace("\n", "");
        }
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not valid base64");
        }
    }

    /**
     * Checks that {@code text} decodes and returns it unchanged, for use in record constructors. Nothing
     * is decoded: the text is scanned as {@link #decode} would read it, so checking a large field costs
     * no memory.
     */
    public static String require(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (!isValid(text)) {
            throw new IllegalArgumentException(field + " is not valid base64");
        }
        return text;
    }

    /** The number of bytes {@code text} decodes to, counted without decoding. */
    public static int decodedLength(String field, String text) {
        require(field, text);
        long data = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r' && c != '=') {
                data++;
            }
        }
        return (int) (data * 3 / 4);
    }

    /**
     * Decodes {@code text} into {@code out} from {@code offset} on, as a stream: no copy of the text
     * and no array but {@code out} is made, so a large field costs its decoded size once.
     *
     * @return the number of bytes written, {@link #decodedLength}
     */
    public static int decodeInto(String field, String text, byte[] out, int offset) {
        int length = decodedLength(field, text);
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try (InputStream in = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).wrap(new TextStream(text))) {
            if (in.readNBytes(out, offset, length) != length || in.read() != -1) {
                throw new IllegalArgumentException(field + " is not valid base64");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " is not valid base64");
        }
        return length;
    }

    /** The characters of base64 text as bytes, line breaks left out. */
    private static final class TextStream extends InputStream {
        private final String text;
        private int pos;

        TextStream(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c != '\n' && c != '\r') {
                    return c;
                }
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && pos < text.length()) {
                char c = text.charAt(pos++);
                if (c != '\n' && c != '\r') {
                    b[off + n++] = (byte) c;
                }
            }
            return n == 0 ? -1 : n;
        }
    }

    /** Whether {@link #decode} accepts {@code text}: the JDK decoder's rules, with line breaks ignored. */
    static boolean isValid(String text) {
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        long data = 0;
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                continue;
            }
            if (c == '=') {
                padding++;
                continue;
            }
            if (padding > 0 || !inAlphabet(c, urlSafe)) {
                return false;
            }
            data++;
        }
        int rest = (int) (data % 4);
        return padding == 0 ? rest != 1 : (rest == 2 && padding == 2) || (rest == 3 && padding == 1);
    }

    private static boolean inAlphabet(char c, boolean urlSafe) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return urlSafe ? c == '-' || c == '_' : c == '+' || c == '/';
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
