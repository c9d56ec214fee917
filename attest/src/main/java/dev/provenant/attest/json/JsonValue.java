package dev.provenant.attest.json;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value and where it sits in its document, for reading the documents a verifier reads on
 * every run (bundles, trusted roots, log entry bodies) without Jackson's data binding, whose first use
 * costs more than the verification itself in a one-shot process. Parsing is strict RFC 8259 through
 * Jackson's streaming parser (see {@link StrictJsonReader}): duplicate member names, invalid UTF-8 and
 * trailing content are refused.
 *
 * <p>Navigation never fails: {@link #path(String)} of something absent is a missing value. The typed
 * readers ({@link #text(String)}, {@link #object(String)}, {@link #array(String)}, {@link #int64(String)})
 * treat absent and {@code null} alike, as protobuf JSON does, and fail with the member's path when the
 * value has another type.
 */
public final class JsonValue {
    /**
     * Bundles, statements and other JSON documents above this size are refused before parsing: the
     * largest {@link InputLimit} of a JSON document.
     */
    public static final int MAX_DOCUMENT_BYTES = InputLimit.BUNDLE.maxBytes();

    private static final JsonValue MISSING = new JsonValue(Missing.VALUE, "");

    private enum Missing { VALUE }

    /** JSON {@code null}, kept apart from an absent member. */
    enum Null { VALUE }

    private final Object value;
    private final String path;

    JsonValue(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    /**
     * Parses a whole document.
     *
     * @param what names the document in messages, for example "bundle"
     */
    public static JsonValue parse(byte[] utf8, String what) throws FormatException {
        requireDocumentSize(utf8.length, what);
        return new JsonValue(StrictJsonReader.parse(utf8, what), "");
    }

    /**
     * The bytes of a JSON document file, read through {@link BoundedFile}: a file, pipe or device holding
     * more than {@code limit} allows is refused once that much has been read, so no input can exhaust
     * the heap.
     */
    public static byte[] readDocument(Path file, InputLimit limit) throws IOException {
        return BoundedFile.read(file, limit);
    }

    /** Refuses a document above {@link #MAX_DOCUMENT_BYTES} before anything reads or parses it. */
    static void requireDocumentSize(long size, String what) throws FormatException {
        if (size > MAX_DOCUMENT_BYTES) {
            throw new FormatException(what + " is larger than the " + (MAX_DOCUMENT_BYTES >> 20) + " MiB a JSON document may have");
        }
    }

    /** The member's dotted path from the document root, for messages; empty for the root. */
    public String location() {
        return path.isEmpty() ? "the document" : path;
    }

    public boolean isMissing() {
        return value == Missing.VALUE;
    }

    public boolean isNull() {
        return value == Null.VALUE;
    }

    /** Neither absent nor {@code null}. */
    public boolean isPresent() {
        return !isMissing() && !isNull();
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isNumber() {
        return value instanceof BigDecimal;
    }

    /** The string, or null when this is not a string. */
    public String asText() {
        return value instanceof String s ? s : null;
    }

    /** The number, or null when this is not a number. */
    public BigDecimal asNumber() {
        return value instanceof BigDecimal d ? d : null;
    }

    /** The boolean, or null when this is not a boolean. */
    public Boolean asBoolean() {
        return value instanceof Boolean b ? b : null;
    }

    /** The member {@code name} of an object; missing when this is not an object or has no such member. */
    public JsonValue path(String name) {
        if (value instanceof Map<?, ?> members) {
            Object member = members.get(name);
            if (member != null || members.containsKey(name)) {
                return new JsonValue(member, path.isEmpty() ? name : path + "." + name);
            }
        }
        return MISSING;
    }

    /** True when member {@code name} is present and not {@code null}. */
    public boolean hasNonNull(String name) {
        return path(name).isPresent();
    }

    /** The number of elements of an array or members of an object; 0 otherwise. */
    public int size() {
        if (value instanceof List<?> list) {
            return list.size();
        }
        return value instanceof Map<?, ?> map ? map.size() : 0;
    }

    /** Element {@code index} of an array; missing when out of range or not an array. */
    public JsonValue get(int index) {
        if (value instanceof List<?> list && index >= 0 && index < list.size()) {
            return new JsonValue(list.get(index), path + "[" + index + "]");
        }
        return MISSING;
    }

    /** The member names of an object, in document order; empty otherwise. */
    public List<String> names() {
        if (value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>(map.size());
            for (Object key : map.keySet()) {
                names.add((String) key);
            }
            return names;
        }
        return List.of();
    }

    // ---- typed readers: absent and null read as the protobuf default ----

    /** Member {@code name} as a string; null when absent or {@code null}. */
    public String text(String name) throws FormatException {
        JsonValue member = path(name);
        if (!member.isPresent()) {
            return null;
        }
        if (!member.isString()) {
            throw member.wrongType("a string");
        }
        return (String) member.value;
    }

    /** Member {@code name} as an object; null when absent or {@code null}. */
    public JsonValue object(String name) throws FormatException {
        JsonValue member = path(name);
        if (!member.isPresent()) {
            return null;
        }
        if (!member.isObject()) {
            throw member.wrongType("an object");
        }
        return member;
    }

    /** The elements of array member {@code name}; empty when absent or {@code null}. */
    public List<JsonValue> array(String name) throws FormatException {
        JsonValue member = path(name);
        if (!member.isPresent()) {
            return List.of();
        }
        if (!member.isArray()) {
            throw member.wrongType("an array");
        }
        int n = member.size();
        List<JsonValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(member.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The elements of array member {@code name}, each an object; empty when absent or {@code null}. */
    public List<JsonValue> objects(String name) throws FormatException {
        List<JsonValue> elements = array(name);
        for (JsonValue element : elements) {
            if (!element.isObject()) {
                throw element.wrongType("an object");
            }
        }
        return elements;
    }

    /** The elements of array member {@code name}, each a string; empty when absent or {@code null}. */
    public List<String> texts(String name) throws FormatException {
        List<JsonValue> elements = array(name);
        List<String> out = new ArrayList<>(elements.size());
        for (JsonValue element : elements) {
            if (!element.isString()) {
                throw element.wrongType("a string");
            }
            out.add((String) element.value);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Member {@code name} as a protobuf int64: a JSON integer or a string of one, as protobuf JSON
     * writes 64-bit integers; 0 when absent or {@code null}.
     */
    public long int64(String name) throws FormatException {
        JsonValue member = path(name);
        if (!member.isPresent()) {
            return 0;
        }
        BigDecimal number;
        if (member.value instanceof BigDecimal d) {
            number = d;
        } else if (member.value instanceof String s && isInteger(s)) {
            number = new BigDecimal(s);
        } else {
            throw member.wrongType("an integer");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw member.wrongType("a 64-bit integer");
        }
    }

    private static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 20 || (s.charAt(start) == '0' && s.length() > start + 1)) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private FormatException wrongType(String expected) {
        return new FormatException(location() + " must be " + expected);
    }

    @Override
    public String toString() {
        return "JsonValue at " + location();
    }
}
