package dev.provenant.attest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * OLPC canonical JSON as securesystemslib's {@code encode_canonical} writes it, the bytes that
 * in-toto link and layout signatures cover: object keys sorted, no whitespace, only strings, integers,
 * booleans, null, arrays and objects, and strings escaping only backslash and double quote (every
 * other character, control characters included, is written as its raw UTF-8).
 */
public final class CanonicalJson {
    /**
     * Python sorts dict keys by code point; Java's {@code String.compareTo} compares UTF-16 units, which
     * puts characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF. Comparing code points
     * keeps both sides in the same order.
     */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private CanonicalJson() {}

    /**
     * @throws IllegalArgumentException for a value canonical JSON cannot hold (a fraction or exponent
     *     number, binary data) or a string with an unpaired surrogate, which has no UTF-8 form
     */
    public static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(node, out);
        return out.toByteArray();
    }

    public static String encodeToString(JsonNode node) {
        return new String(encode(node), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        switch (node.getNodeType()) {
            case STRING -> string(node.textValue(), out);
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false", out);
            case NULL -> ascii("null", out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON has no fractional numbers: " + node);
                }
                ascii(node.bigIntegerValue().toString(), out);
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    write(node.get(i), out);
                }
                out.write(']');
            }
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.size());
                node.fields().forEachRemaining(entries::add);
                entries.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
                out.write('{');
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    string(entries.get(i).getKey(), out);
                    out.write(':');
                    write(entries.get(i).getValue(), out);
                }
                out.write('}');
            }
            default -> throw new IllegalArgumentException("canonical JSON cannot hold a " + node.getNodeType() + " value");
        }
    }

    private static void string(String value, ByteArrayOutputStream out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
            }
        }
        out.write('"');
        out.writeBytes(value.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }

    private static void ascii(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
