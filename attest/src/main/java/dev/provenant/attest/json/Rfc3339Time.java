package dev.provenant.attest.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 date-times, as protobuf JSON and in-toto layouts write them:
 * {@code 2021-03-07T03:20:29Z}, {@code 2021-03-07T03:20:29.123456789+01:00}. Read by hand rather than
 * with {@link java.time.format.DateTimeFormatter}, whose first parse loads some two hundred classes
 * into a one-shot verification. Strict: seconds and an offset are required, a leap second (60) and
 * anything after the offset are refused; {@code T} and {@code Z} may be lower case, as RFC 3339 allows.
 * Every RFC 3339 time Provenant reads goes through {@link #parse}.
 */
public final class Rfc3339Time {
    private Rfc3339Time() {}

    /** {@code instant} in UTC to the second, {@code 2026-11-27T10:15:30Z}, as SLSA writes times; null for null. */
    public static String formatSeconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The instant {@code text} names; {@link IllegalArgumentException} when it is not an RFC 3339 date-time. */
    public static Instant parse(String text) {
        if (text == null || text.length() < 20) {
            throw invalid(text);
        }
        int year = digits(text, 0, 4);
        expect(text, 4, '-');
        int month = digits(text, 5, 2);
        expect(text, 7, '-');
        int day = digits(text, 8, 2);
        char t = text.charAt(10);
        if (t != 'T' && t != 't') {
            throw invalid(text);
        }
        int hour = digits(text, 11, 2);
        expect(text, 13, ':');
        int minute = digits(text, 14, 2);
        expect(text, 16, ':');
        int second = digits(text, 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalid(text);
        }
        int pos = 19;
        int nanos = 0;
        if (text.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            int count = pos - start;
            if (count == 0 || count > 9) {
                throw invalid(text);
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (pos >= text.length()) {
            throw invalid(text);
        }
        int offsetSeconds;
        char z = text.charAt(pos);
        if (z == 'Z' || z == 'z') {
            offsetSeconds = 0;
            pos++;
        } else if (z == '+' || z == '-') {
            if (pos + 6 != text.length()) {
                throw invalid(text);
            }
            int offsetHours = digits(text, pos + 1, 2);
            expect(text, pos + 3, ':');
            int offsetMinutes = digits(text, pos + 4, 2);
            if (offsetHours > 23 || offsetMinutes > 59) {
                throw invalid(text);
            }
            offsetSeconds = (z == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            pos += 6;
        } else {
            throw invalid(text);
        }
        if (pos != text.length()) {
            throw invalid(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw invalid(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            throw invalid(text);
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw invalid(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void expect(String text, int at, char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw invalid(text);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new IllegalArgumentException("'" + shown + "' is not an RFC 3339 date-time");
    }
}
