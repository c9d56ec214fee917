package dev.provenant.attest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one place JSON is configured. Output is compact, omits absent fields, and keeps the order in
 * which each record declares its components, so writing what was read gives the same bytes. Reading
 * refuses an object that names a member twice, as {@link JsonValue} does.
 */
public final class JsonCodec {
    /** Bundles and statements above this size are refused before parsing. */
    public static final int MAX_DOCUMENT_BYTES = JsonValue.MAX_DOCUMENT_BYTES;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // proto3 JSON: an absent int64 is 0
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // A member named twice reads differently in different parsers; signed documents must mean one thing.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Tokens (each name, value, and start and end of an object or array) in one document read through
     * Jackson. A tree costs some tens of bytes per token, so this bounds a tree's memory however small
     * its tokens are in the document; an in-toto link listing 80,000 files uses about 400,000.
     */
    public static final long MAX_TOKENS = 1 << 19;

    /** The constraints every Jackson parser of untrusted input uses. */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(StrictJsonReader.MAX_DEPTH)
            .maxDocumentLength(MAX_DOCUMENT_BYTES)
            .maxStringLength(MAX_DOCUMENT_BYTES)
            .maxNumberLength(StrictJsonReader.MAX_NUMBER_LENGTH)
            .maxTokenCount(MAX_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(CONSTRAINTS);
    }

    private JsonCodec() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses {@code bytes} as a {@code type}, turning every Jackson failure into a one-line FormatException. */
    public static <T> T read(byte[] bytes, Class<T> type, String what) throws FormatException {
        JsonValue.requireDocumentSize(bytes.length, what);
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new FormatException(what + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new FormatException(what + " is malformed: " + describe(e), e);
        }
    }

    /** Parses {@code length} bytes of {@code bytes} from {@code offset} as a {@code type}. */
    public static <T> T read(byte[] bytes, int offset, int length, Class<T> type, String what) throws FormatException {
        JsonValue.requireDocumentSize(length, what);
        try {
            T value = MAPPER.readValue(bytes, offset, length, type);
            if (value == null) {
                throw new FormatException(what + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new FormatException(what + " is malformed: " + describe(e), e);
        }
    }

    public static JsonNode readTree(byte[] bytes, String what) throws FormatException {
        return read(bytes, JsonNode.class, what);
    }

    /**
     * As {@link #readTree}, refusing an object that names a member twice: readers disagree on which of
     * the two counts, so signed metadata holding one means different things to different verifiers.
     */
    public static JsonNode readTreeUniqueNames(byte[] bytes, String what) throws FormatException {
        JsonValue.requireDocumentSize(bytes.length, what);
        try {
            JsonNode value = MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
            if (value == null || value.isMissingNode()) {
                throw new FormatException(what + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new FormatException(what + " is malformed: " + describe(e), e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    public static byte[] writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** A one-line reason without Jackson's source excerpt, which could echo secrets or megabytes of input. */
    static String describe(IOException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return StrictJsonReader.firstLine(vie.getCause().getMessage()) + at(vie);
        }
        if (e instanceof InvalidFormatException ife) {
            return "invalid value" + at(ife);
        }
        if (e instanceof MismatchedInputException mie) {
            return "unexpected " + (mie.getTargetType() == null ? "value" : "value for " + simple(mie.getTargetType())) + at(mie);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            String message = jpe.getOriginalMessage();
            return StrictJsonReader.firstLine(message) + location(jpe);
        }
        return StrictJsonReader.firstLine(e.getMessage());
    }

    private static String simple(Class<?> type) {
        return type.getSimpleName();
    }

    private static String at(com.fasterxml.jackson.databind.JsonMappingException e) {
        String path = e.getPathReference();
        if (path == null || path.isEmpty()) {
            return "";
        }
        // Jackson's path reads like dev.provenant.attest.bundle.Bundle["verificationMaterial"]; keep the field names.
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "" : " (at " + out + ")";
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
