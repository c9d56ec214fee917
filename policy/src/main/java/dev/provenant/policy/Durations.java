package dev.provenant.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Policy durations: {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}, or ISO-8601 such as {@code PT12H}. */
final class Durations {
    private Durations() {}

    static Duration parse(String text) {
        if (text.matches("[0-9]{1,9}[smhdw]")) {
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30m, 24h, 7d or PT12H");
        }
    }

    /** A short rendering for verdicts: {@code 7d}, {@code 3h12m}, {@code 40s}. */
    static String format(Duration d) {
        long seconds = Math.abs(d.getSeconds());
        String sign = d.isNegative() ? "-" : "";
        if (seconds < 60) {
            return sign + seconds + "s";
        }
        StringBuilder out = new StringBuilder(sign);
        long[] parts = {seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60};
        char[] units = {'d', 'h', 'm'};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                out.append(parts[i]).append(units[i]);
            }
        }
        return out.toString();
    }
}
