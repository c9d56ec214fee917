package dev.provenant.localsigstore;

import java.util.Locale;

/**
 * Which Rekor APIs a stack serves and names in its signing config: v1 only (the public-good instance's
 * shape today), v2 only (with its timestamp authority), or both, so each signing path can be tested.
 */
public enum RekorApis {
    V1, V2, BOTH;

    boolean v1() {
        return this != V2;
    }

    boolean v2() {
        return this != V1;
    }

    /** {@code v1}, {@code v2} or {@code both}, in any case. */
    public static RekorApis parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--rekor takes v1, v2 or both, not '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
