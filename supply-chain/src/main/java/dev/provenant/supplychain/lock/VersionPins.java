package dev.provenant.supplychain.lock;

import java.util.Locale;
import java.util.Optional;

/**
 * Which versions a release build refuses: ranges ({@code [1.0,2.0)}), {@code LATEST} and {@code RELEASE}, which
 * resolve to whatever the repository says today, and SNAPSHOTs, which a repository may replace at any time.
 */
public final class VersionPins {
    private VersionPins() {}

    /** Why {@code version}, as declared, is not pinned; empty when it is a fixed release version. */
    public static Optional<String> problem(String version) {
        if (version == null || version.isBlank()) {
            return Optional.empty(); // managed elsewhere: the resolved version is checked
        }
        String v = version.strip();
        if (v.startsWith("[") || v.startsWith("(") || v.endsWith("]") || v.endsWith(")") || v.contains(",")) {
            return Optional.of("version range " + v);
        }
        if (v.equals("LATEST") || v.equals("RELEASE")) {
            return Optional.of(v + " resolves to whatever the repository lists today");
        }
        if (v.toUpperCase(Locale.ROOT).endsWith("-SNAPSHOT") || v.equalsIgnoreCase("SNAPSHOT")) {
            return Optional.of("SNAPSHOT version " + v);
        }
        // a timestamped snapshot as resolved: 1.0-20250101.120000-3
        if (v.matches(".*-\\d{8}\\.\\d{6}-\\d+")) {
            return Optional.of("SNAPSHOT version " + v);
        }
        return Optional.empty();
    }
}
