package dev.provenant.attest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 reading into plain Java values, through Jackson's streaming parser (no data binding,
 * whose first use costs more than a one-shot verification): {@link LinkedHashMap} for objects,
 * {@link List} for arrays, {@link String}, {@link BigDecimal}, {@link Boolean} and {@link JsonValue.Null}.
 * It refuses what a lenient parser would guess at: invalid UTF-8 (overlong forms and encoded surrogates
 * too), duplicate member names (two readers of one document could otherwise see different values),
 * unescaped control characters, lone surrogates in {@code \\u} escapes, leading zeros, comments, trailing
 * commas and anything after the value. A UTF-8 byte order mark is skipped. A value nested in more than
 * {@value #MAX_DEPTH} containers is refused, so no input can exhaust the stack, and a document of more
 * than {@value #MAX_VALUES} values is refused, so none can exhaust the heap: a value costs far more memory
 * than the two bytes it may take in the document. Empty objects and arrays are shared immutable values
 * for the same reason.
 */
final class StrictJsonReader {
    static final int MAX_DEPTH = 200;
    /** Bundles and trusted roots hold hundreds of values; this is a thousand times that. */
    static final int MAX_VALUES = 1 << 18;
    /** The longest number read, in characters. */
    static final int MAX_NUMBER_LENGTH = 400;

    /*
     * Jackson counts open containers, where MAX_DEPTH counts the containers around a value: an empty
     * container may sit at depth MAX_DEPTH, so MAX_DEPTH + 1 containers may be open.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxDocumentLength(JsonValue.MAX_DOCUMENT_BYTES)
                    .maxStringLength(JsonValue.MAX_DOCUMENT_BYTES)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private StrictJsonReader() {}

    static Object parse(byte[] utf8, String what) throws FormatException {
        CharBuffer text;
        try {
            // Jackson's own UTF-8 decoding lets overlong forms and encoded surrogates through.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
        } catch (CharacterCodingException e) {
            throw new FormatException(what + " is malformed: not UTF-8 text");
        }
        char[] chars = text.array();
        int start = text.arrayOffset() + text.position();
        int end = text.arrayOffset() + text.limit();
        if (start < end && chars[start] == '\uFEFF') {
            start++;
        }
        try (JsonParser parser = FACTORY.createParser(chars, start, end - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new FormatException(what + " is empty");
            }
            Object value = new Builder(parser, what).value(first);
            if (parser.nextToken() != null) {
                throw error(what, "unexpected content after the JSON value", parser.currentTokenLocation());
            }
            return value;
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            String reason = message.startsWith("Document nesting depth") ? "nested deeper than " + MAX_DEPTH + " levels"
                    : message.startsWith("Number value length") ? "number longer than " + MAX_NUMBER_LENGTH + " characters"
                    : firstLine(message);
            throw error(what, reason, e.getLocation());
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Duplicate Object property") || message.startsWith("Duplicate field")) {
                String name = e.getProcessor() instanceof JsonParser p ? p.getParsingContext().getCurrentName() : null;
                throw new FormatException(what + " is malformed: duplicate member \"" + shorten(name) + "\""
                        + nameStart(chars, start, e.getLocation()));
            }
            throw error(what, firstLine(message), e.getLocation());
        } catch (IOException e) {
            throw new FormatException(what + " is malformed: " + firstLine(e.getMessage()));
        }
    }

    /** Turns one value's tokens into plain values, with an explicit stack so that depth costs no Java stack. */
    private static final class Builder {
        private final JsonParser parser;
        private final String what;
        private int values;

        Builder(JsonParser parser, String what) {
            this.parser = parser;
            this.what = what;
        }

        Object value(JsonToken first) throws IOException, FormatException {
            // Each open container: a Map with the name of the member being read, or a List.
            List<Object> open = new ArrayList<>();
            List<String> names = new ArrayList<>();
            JsonToken token = first;
            while (true) {
                Object value;
                switch (token) {
                    case START_OBJECT:
                    case START_ARRAY: {
                        count(open.size());
                        JsonToken next = parser.nextToken();
                        boolean object = token == JsonToken.START_OBJECT;
                        if (next == (object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY)) {
                            value = object ? Map.of() : List.of();
                            break;
                        }
                        open.add(object ? new LinkedHashMap<String, Object>() : new ArrayList<>());
                        names.add(null);
                        token = next;
                        continue;
                    }
                    case FIELD_NAME:
                        names.set(names.size() - 1, checked(parser.currentName()));
                        token = parser.nextToken();
                        continue;
                    case END_OBJECT:
                    case END_ARRAY:
                        value = open.remove(open.size() - 1);
                        names.remove(names.size() - 1);
                        break;
                    default:
                        count(open.size());
                        value = scalar(token);
                }
                if (open.isEmpty()) {
                    return value;
                }
                add(open.get(open.size() - 1), names.get(names.size() - 1), value);
                token = parser.nextToken();
            }
        }

        @SuppressWarnings("unchecked")
        private static void add(Object container, String name, Object value) {
            if (container instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put(name, value);
            } else {
                ((List<Object>) container).add(value);
            }
        }

        private void count(int depth) throws FormatException {
            if (depth > MAX_DEPTH) {
                throw error(what, "nested deeper than " + MAX_DEPTH + " levels", parser.currentTokenLocation());
            }
            if (++values > MAX_VALUES) {
                throw error(what, "more than " + MAX_VALUES + " values", parser.currentTokenLocation());
            }
        }

        private Object scalar(JsonToken token) throws IOException, FormatException {
            switch (token) {
                case VALUE_STRING:
                    return checked(parser.getText());
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT: {
                    String number = parser.getText();
                    if (number.length() > MAX_NUMBER_LENGTH) {
                        throw error(what, "number longer than " + MAX_NUMBER_LENGTH + " characters", parser.currentTokenLocation());
                    }
                    try {
                        return new BigDecimal(number);
                    } catch (NumberFormatException e) {
                        // an exponent beyond an int: valid JSON, but no value Provenant reads
                        throw error(what, "invalid number", parser.currentTokenLocation());
                    }
                }
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return JsonValue.Null.VALUE;
                default:
                    throw error(what, "unexpected " + token, parser.currentTokenLocation());
            }
        }

        /** Refuses a lone surrogate, which only a {@code \\u} escape can give once the input is valid UTF-8. */
        private String checked(String text) throws FormatException {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                    } else {
                        throw error(what, "unpaired surrogate in a \\u escape", parser.currentTokenLocation());
                    }
                }
            }
            return text;
        }
    }

    /**
     * Where the member name Jackson has just read starts, as " (line L, column C)": Jackson refuses a
     * duplicate name once it has read it, before the name becomes a token with a location of its own.
     */
    private static String nameStart(char[] chars, int start, JsonLocation after) {
        long offset = after == null ? -1 : after.getCharOffset();
        if (offset <= start || offset > chars.length) {
            return "";
        }
        int quote = (int) offset - 1;
        while (quote >= start && chars[quote] != '"') {
            quote--; // back to the name's closing quote
        }
        int open = quote - 1;
        while (open >= start && !(chars[open] == '"' && backslashesBefore(chars, start, open) % 2 == 0)) {
            open--;
        }
        if (open < start) {
            return "";
        }
        int line = 1;
        int column = 1;
        for (int i = start; i < open; i++) {
            if (chars[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " (line " + line + ", column " + column + ")";
    }

    private static int backslashesBefore(char[] chars, int start, int at) {
        int n = 0;
        while (at - n - 1 >= start && chars[at - n - 1] == '\\') {
            n++;
        }
        return n;
    }

    private static FormatException error(String what, String reason, JsonLocation at) {
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new FormatException(what + " is malformed: " + reason + where);
    }

    /** The first line of a parser's message, at most 200 characters: never the input it quotes at length. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String shorten(String name) {
        if (name == null) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 60; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.length() > 60 ? out + "..." : out.toString();
    }
}
