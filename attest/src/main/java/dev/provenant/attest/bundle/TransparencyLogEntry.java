package dev.provenant.attest.bundle;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.json.Base64Text;

/** One transparency log entry as a Sigstore bundle carries it. */
@JsonPropertyOrder({"logIndex", "logId", "kindVersion", "integratedTime", "inclusionPromise", "inclusionProof",
        "canonicalizedBody"})
public record TransparencyLogEntry(
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonInclude(JsonInclude.Include.NON_DEFAULT) long logIndex,
        LogId logId,
        KindVersion kindVersion,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonInclude(JsonInclude.Include.NON_DEFAULT) long integratedTime,
        InclusionPromise inclusionPromise,
        InclusionProof inclusionProof,
        String canonicalizedBody) {

    /** 9999-12-31T23:59:59Z in Unix seconds, the latest time a protobuf {@code Timestamp} can hold. */
    public static final long MAX_INTEGRATED_TIME = 253_402_300_799L;

    public TransparencyLogEntry {
        if (logIndex < 0) {
            throw new IllegalArgumentException("tlog entry logIndex must not be negative");
        }
        if (integratedTime < 0) {
            throw new IllegalArgumentException("tlog entry integratedTime must not be negative");
        }
        if (integratedTime > MAX_INTEGRATED_TIME) {
            throw new IllegalArgumentException("tlog entry integratedTime " + integratedTime
                    + " lies after the year 9999, the end of a protobuf Timestamp");
        }
        if (logId == null) {
            throw new IllegalArgumentException("tlog entry logId is missing");
        }
        if (kindVersion == null) {
            throw new IllegalArgumentException("tlog entry kindVersion is missing");
        }
        Base64Text.require("tlog entry canonicalizedBody", canonicalizedBody);
    }

    public byte[] canonicalizedBodyBytes() {
        return Base64Text.decode("tlog entry canonicalizedBody", canonicalizedBody);
    }
}
