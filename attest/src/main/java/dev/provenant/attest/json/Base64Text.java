package dev.provenant.attest.json;

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
