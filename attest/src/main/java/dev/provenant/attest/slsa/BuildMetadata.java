package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** SLSA v1 {@code runDetails.metadata}: when this run happened and how to find it again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"invocationId", "startedOn", "finishedOn"})
public record BuildMetadata(String invocationId, String startedOn, String finishedOn) {
    public BuildMetadata {
        Rfc3339.requireUtc("startedOn", startedOn);
        Rfc3339.requireUtc("finishedOn", finishedOn);
    }

    public static BuildMetadata of(String invocationId, Instant startedOn, Instant finishedOn) {
        return new BuildMetadata(invocationId, Rfc3339.format(startedOn), Rfc3339.format(finishedOn));
    }
}
