package dev.provenant.attest.slsa;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** SLSA timestamps: RFC 3339 in UTC, {@code 2026-11-27T10:15:30Z}, to the second. */
final class Rfc3339 {
    private Rfc3339() {}

    static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static void requireUtc(String field, String value) {
        if (value == null) {
            return;
        }
        if (!value.endsWith("Z")) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 UTC time ending in Z, got " + value);
        }
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an RFC 3339 time: " + value);
        }
    }
}
