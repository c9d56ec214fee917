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

    /** Checks that {@code text} decodes and returns it unchanged, for use in record constructors. */
    public static String require(String field, String text) {
        decode(field, text);
        return text;
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
