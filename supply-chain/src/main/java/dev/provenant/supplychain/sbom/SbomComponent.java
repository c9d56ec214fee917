package dev.provenant.supplychain.sbom;

import dev.provenant.supplychain.Coordinates;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One verified component in the SBOM.
 *
 * @param coordinates the artifact
 * @param sha256 the SHA-256 (hex) of the very file the build verified and used
 * @param licenses its licenses: SPDX identifiers where known, else the names its POM gives
 */
public record SbomComponent(Coordinates coordinates, String sha256, List<License> licenses) {
    /** A license: an SPDX identifier, or a name the POM gives that maps to none. */
    public record License(String id, String name) {
        public static License spdx(String id) {
            return new License(id, null);
        }

        public static License named(String name) {
            return new License(null, name);
        }
    }

    public SbomComponent {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> HexFormat.isHexDigit(c) && !Character.isUpperCase(c))) {
            throw new IllegalArgumentException("sha256 is not 64 lower-case hex digits: " + sha256);
        }
        licenses = List.copyOf(licenses);
    }

    /** {@code pkg:maven/GROUP/ARTIFACT@VERSION}, with {@code type} and {@code classifier} qualifiers when not a plain jar. */
    public String purl() {
        Coordinates c = coordinates;
        StringBuilder q = new StringBuilder();
        if (!c.classifier().isEmpty()) {
            q.append("classifier=").append(c.classifier());
        }
        if (!c.extension().equals("jar")) {
            q.append(q.length() == 0 ? "" : "&").append("type=").append(c.extension());
        }
        return "pkg:maven/" + c.groupId() + "/" + c.artifactId() + "@" + c.version() + (q.length() == 0 ? "" : "?" + q);
    }
}
