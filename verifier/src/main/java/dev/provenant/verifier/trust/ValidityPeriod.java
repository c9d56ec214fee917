package dev.provenant.verifier.trust;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.provenant.attest.json.Rfc3339Time;
import java.time.Instant;
import java.util.Optional;

/**
 * A trusted root's {@code validFor} time range. Both ends are inclusive, as the Sigstore TimeRange is a
 * closed interval. A range without a start is kept (so one malformed key does not make the whole root
 * unreadable) but contains no instant at all: a missing start must never read as "valid since forever".
 */
public record ValidityPeriod(Instant start, Instant end) {

    public ValidityPeriod {
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("validFor.end " + end + " is before validFor.start " + start);
        }
    }

    @JsonCreator
    static ValidityPeriod fromJson(@JsonProperty("start") String start, @JsonProperty("end") String end) {
        return new ValidityPeriod(parseTime("validFor.start", start), parseTime("validFor.end", end));
    }

    /** A period with no start: valid at no time. */
    public static ValidityPeriod unset() {
        return new ValidityPeriod(null, null);
    }

    public boolean hasStart() {
        return start != null;
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(end);
    }

    /** True when {@code time} lies in {@code [start, end]}; always false when there is no start. */
    public boolean contains(Instant time) {
        return start != null && !time.isBefore(start) && (end == null || !time.isAfter(end));
    }

    @Override
    public String toString() {
        return "[" + (start == null ? "no start" : start) + ", " + (end == null ? "open" : end) + "]";
    }

    // protobuf JSON writes Timestamps as RFC 3339; offsets other than Z are allowed there.
    private static Instant parseTime(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Rfc3339Time.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not an RFC 3339 time");
        }
    }
}
