package dev.provenant.attest.json;

import dev.provenant.attest.FormatException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser into plain Java values: {@link LinkedHashMap} for objects, {@link List} for
 * arrays, {@link String}, {@link BigDecimal}, {@link Boolean} and {@link JsonValue.Null}. It refuses what a
 * lenient parser would guess at: invalid UTF-8, duplicate member names (two readers of one document
 * could otherwise see different values), unescaped control characters, lone surrogates in escapes,
 * leading zeros, comments, trailing commas and anything after the value. A UTF-8 byte order mark is
 * skipped. Nesting deeper than {@value #MAX_DEPTH} is refused, so no input can exhaust the stack, and a
 * document of more than {@value #MAX_VALUES} values is refused, so none can exhaust the heap: a value
 * costs far more memory than the two bytes it may take in the document. Empty objects and arrays are
 * shared immutable values for the same reason.
 */
final class StrictJsonParser {
    static final int MAX_DEPTH = 200;
    /** Bundles and trusted roots hold hundreds of values; this is a thousand times that. */
    static final int MAX_VALUES = 1 << 18;
    /** The longest number read, in characters. */
    static final int MAX_NUMBER_LENGTH = 400;

    private final String text;
    private final String what;
    private int pos;
    private int values;

    private StrictJsonParser(String text, String what) {
        this.text = text;
        this.what = what;
    }

    static Object parse(byte[] utf8, String what) throws FormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(what + " is malformed: not UTF-8 text");
        }
        StrictJsonParser parser = new StrictJsonParser(text, what);
        if (text.startsWith("\uFEFF")) {
            parser.pos = 1;
        }
        parser.skipWhitespace();
        if (parser.pos == text.length()) {
            throw new FormatException(what + " is empty");
        }
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws FormatException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++values > MAX_VALUES) {
            throw error("more than " + MAX_VALUES + " values");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", JsonValue.Null.VALUE);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character " + describe(c));
        }
    }

    private Map<String, Object> object(int depth) throws FormatException {
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Map.of();
        }
        Map<String, Object> members = new LinkedHashMap<>();
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            int nameAt = pos;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object member = value(depth + 1);
            if (members.containsKey(name)) {
                pos = nameAt;
                throw error("duplicate member \"" + shorten(name) + "\"");
            }
            members.put(name, member);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws FormatException {
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return List.of();
        }
        List<Object> elements = new ArrayList<>();
        while (true) {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return elements;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws FormatException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(text.length() - start < 64 ? 16 : 64).append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            pos++;
            char e = peek();
            pos++;
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': {
                    char unit = hex4();
                    if (Character.isHighSurrogate(unit)) {
                        if (!text.startsWith("\\u", pos)) {
                            throw error("unpaired surrogate in a \\u escape");
                        }
                        pos += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            throw error("unpaired surrogate in a \\u escape");
                        }
                        out.append(unit).append(low);
                    } else if (Character.isLowSurrogate(unit)) {
                        throw error("unpaired surrogate in a \\u escape");
                    } else {
                        out.append(unit);
                    }
                    break;
                }
                default:
                    pos--;
                    throw error("invalid escape in a string");
            }
        }
        throw error("unterminated string");
    }

    private char hex4() throws FormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid \\u escape");
            }
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    private BigDecimal number() throws FormatException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            digits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("invalid number");
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws FormatException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character " + describe(text.charAt(pos)));
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws FormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The character at the cursor, or U+FFFF at the end (never valid where a character is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uFFFF';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private FormatException error(String reason) {
        if (pos >= text.length() && !reason.startsWith("unexpected end")) {
            reason = "unexpected end of input";
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new FormatException(what + " is malformed: " + reason + " (line " + line + ", column " + column + ")");
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String shorten(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 60; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.length() > 60 ? out + "..." : out.toString();
    }
}
