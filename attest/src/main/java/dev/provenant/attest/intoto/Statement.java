package dev.provenant.attest.intoto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * in-toto Statement v1. Reading also accepts the v0.1 type, which shares the shape; writing always
 * produces v1.
 */
@JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
public record Statement(
        @JsonProperty("_type") String type,
        List<ResourceDescriptor> subject,
        String predicateType,
        JsonNode predicate) {

    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
    /** The DSSE payloadType of an in-toto statement, and the one Provenant writes. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    /**
     * in-toto attestation v1.2's predicate-specific payloadType, {@code application/vnd.in-toto.<predicate>+json},
     * {@code <predicate>} being a predicate specification's file name without extension ({@code provenance},
     * {@code vsa}, {@code test-result}). It says nothing about the predicate: only {@code predicateType} does.
     */
    private static final Pattern PREDICATE_PAYLOAD_TYPE =
            Pattern.compile("application/vnd\\.in-toto\\.[a-z0-9]+(?:[._-][a-z0-9]+)*\\+json");

    /** Whether a DSSE payloadType announces an in-toto statement: {@link #PAYLOAD_TYPE} or v1.2's per-predicate form. */
    public static boolean isPayloadType(String payloadType) {
        return payloadType != null && (PAYLOAD_TYPE.equals(payloadType)
                || payloadType.length() <= 128 && PREDICATE_PAYLOAD_TYPE.matcher(payloadType).matches());
    }

    public Statement {
        if (!TYPE_V1.equals(type) && !TYPE_V01.equals(type)) {
            throw new IllegalArgumentException("_type must be " + TYPE_V1 + (type == null ? "" : ", got " + type));
        }
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must list at least one artifact");
        }
        for (ResourceDescriptor s : subject) {
            if (s == null || s.digest().isEmpty()) {
                throw new IllegalArgumentException("every subject needs a digest");
            }
        }
        subject = List.copyOf(subject);
        if (predicateType == null || predicateType.isEmpty()) {
            throw new IllegalArgumentException("predicateType is missing");
        }
        predicate = predicate == null ? JsonNodeFactory.instance.objectNode() : predicate.deepCopy();
        if (!predicate.isObject()) {
            throw new IllegalArgumentException("predicate must be a JSON object");
        }
    }

    public static Statement of(List<ResourceDescriptor> subject, String predicateType, JsonNode predicate) {
        return new Statement(TYPE_V1, subject, Objects.requireNonNull(predicateType, "predicateType"), predicate);
    }

    @Override
    public JsonNode predicate() {
        return predicate.deepCopy();
    }

    public static Statement parse(byte[] json) throws FormatException {
        return JsonCodec.read(json, Statement.class, "in-toto statement");
    }

    /** Parses the statement held in {@code length} bytes of {@code bytes} from {@code offset}, copying nothing. */
    public static Statement parse(byte[] bytes, int offset, int length) throws FormatException {
        return JsonCodec.read(bytes, offset, length, Statement.class, "in-toto statement");
    }

    public byte[] toJson() {
        return JsonCodec.write(this);
    }
}
