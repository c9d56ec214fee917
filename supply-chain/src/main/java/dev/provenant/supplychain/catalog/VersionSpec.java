package dev.provenant.supplychain.catalog;

import java.util.Objects;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

/**
 * Which versions a catalog entry names: an exact version ({@code 2.17.1}), equal as Maven's {@link ComparableVersion}
 * compares ({@code 1.0} is {@code 1.0.0}), or a Maven version range ({@code [2.0,3.0)}, {@code [1.2,]},
 * {@code (,1.0],[1.2,)}). A bare version is never Maven's "soft" requirement, which would match everything.
 */
public final class VersionSpec {
    private final String text;
    private final VersionRange range;
    private final ComparableVersion exact;

    private VersionSpec(String text, VersionRange range, ComparableVersion exact) {
        this.text = text;
        this.range = range;
        this.exact = exact;
    }

    /** Parses one spec; a malformed range or an empty or padded version is refused. */
    public static VersionSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.strip().equals(text) || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("version '" + text + "' is empty or holds white space");
        }
        if (text.startsWith("[") || text.startsWith("(")) {
            VersionRange range;
            try {
                range = VersionRange.createFromVersionSpec(text);
            } catch (InvalidVersionSpecificationException | RuntimeException e) {
                // Maven's parser refuses most malformed ranges with its checked exception; anything it throws is a refusal
                throw new IllegalArgumentException("version range '" + text + "' is malformed: " + e.getMessage());
            }
            if (!range.hasRestrictions()) {
                throw new IllegalArgumentException("version range '" + text + "' restricts nothing");
            }
            return new VersionSpec(text, range, null);
        }
        if (text.contains(",") || text.contains("[") || text.contains("]") || text.contains("(") || text.contains(")")) {
            throw new IllegalArgumentException("version '" + text + "' is neither a version nor a range ([LOW,HIGH) and the like)");
        }
        return new VersionSpec(text, null, new ComparableVersion(text));
    }

    /** Whether {@code version} is this version, or in this range. */
    public boolean contains(String version) {
        if (exact != null) {
            return exact.compareTo(new ComparableVersion(version)) == 0;
        }
        return range.containsVersion(new DefaultArtifactVersion(version));
    }

    /** Maven's ordering of two versions. */
    public static int compare(String a, String b) {
        return new ComparableVersion(a).compareTo(new ComparableVersion(b));
    }

    @Override
    public String toString() {
        return text;
    }
}
