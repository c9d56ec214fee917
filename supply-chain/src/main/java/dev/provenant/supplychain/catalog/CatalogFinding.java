package dev.provenant.supplychain.catalog;

import dev.provenant.supplychain.Coordinates;
import java.util.Locale;
import java.util.Objects;

/**
 * Why one component fails the catalog.
 *
 * @param coordinates the component
 * @param kind which check it fails
 * @param entry the catalog entry (or OSV record) behind the finding, as {@code components[2] (GROUP:ARTIFACT RANGE)}
 * @param reason one line saying what is wrong and what to do
 */
public record CatalogFinding(Coordinates coordinates, Kind kind, String entry, String reason) {
    public enum Kind {
        /** Not in the catalog, or not at an approved version. */
        UNAPPROVED,
        /** Approved, but resolved from another repository than the entry's. */
        WRONG_ORIGIN,
        /** Approved, but not verified as signed by the entry's signer. */
        WRONG_SIGNER,
        /** Deprecated in the catalog. */
        DEPRECATED,
        /** Affected by a known vulnerability (an OSV record). */
        VULNERABLE,
        /** A license the catalog does not allow, one it cannot tell, or none. */
        LICENSE;

        /** {@code wrong-origin}: the kind as the report names it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CatalogFinding {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code GROUP:ARTIFACT:EXT:VERSION: vulnerable: REASON [catalog ENTRY]}, one line for a build log. */
    public String describe() {
        return coordinates + ": " + kind.label() + ": " + reason + " [" + entry + "]";
    }
}
