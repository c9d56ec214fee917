package dev.provenant.supplychain;

import java.util.Objects;

/**
 * The verdict on one dependency.
 *
 * @param coordinates the dependency
 * @param outcome what was found
 * @param detail one line saying why (the failed check, the identity found, the rule that allowed it)
 * @param cached true when the verdict was taken from the cache of earlier verifications
 */
public record DependencyVerdict(Coordinates coordinates, DependencyOutcome outcome, String detail, boolean cached) {
    public DependencyVerdict {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** {@code GROUP:ARTIFACT:EXT:VERSION: outcome (detail)}, one line for a build log. */
    public String describe() {
        return coordinates + ": " + outcome.label() + (detail.isEmpty() ? "" : " (" + detail + ")") + (cached ? " [cached]" : "");
    }
}
