package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.json.Rfc3339Time;
import java.time.Instant;

/** SLSA v1 {@code runDetails.metadata}: when this run happened and how to find it again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"invocationId", "startedOn", "finishedOn"})
public record BuildMetadata(String invocationId, String startedOn, String finishedOn) {
    public BuildMetadata {
        requireUtc("startedOn", startedOn);
        requireUtc("finishedOn", finishedOn);
    }

    public static BuildMetadata of(String invocationId, Instant startedOn, Instant finishedOn) {
        return new BuildMetadata(invocationId, Rfc3339Time.formatSeconds(startedOn), Rfc3339Time.formatSeconds(finishedOn));
    }

    /** SLSA times are RFC 3339 in UTC: ending in Z. */
    private static void requireUtc(String field, String value) {
        if (value == null) {
            return;
        }
        if (!value.endsWith("Z")) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 UTC time ending in Z, got " + value);
        }
        try {
            Rfc3339Time.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not an RFC 3339 time: " + value);
        }
    }
}
