package dev.provenant.verifier.provenance;

/**
 * A builder id split at its one {@code @} into the builder's name and, optionally, its version (a git
 * ref for GitHub workflows). slsa-verifier compares builder ids this way: the names exactly, and the
 * versions only when the one being matched against has one.
 */
public record BuilderId(String name, String version) {

    public static BuilderId parse(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a builder id is empty");
        }
        String[] parts = id.split("@", -1);
        if (parts.length == 1) {
            return new BuilderId(parts[0], "");
        }
        // More than one '@', or a trailing '@', is not a builder id slsa-verifier would parse either.
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("builder id " + id + " is not NAME or NAME@VERSION");
        }
        return new BuilderId(parts[0], parts[1]);
    }

    /**
     * Whether this (actual) builder id is what {@code expected} asks for: the same name, and when the
     * expectation names a version, the same version. {@code v1.2.3} matches {@code refs/tags/v1.2.3} as
     * in slsa-verifier, since users write tags and certificates carry refs.
     */
    boolean satisfies(BuilderId expected) {
        if (!name.equals(expected.name)) {
            return false;
        }
        return expected.version.isEmpty() || sameVersion(expected.version);
    }

    /** Name and version both equal (up to the tag-versus-ref spelling): the exact match for a signer. */
    boolean sameAs(BuilderId other) {
        return name.equals(other.name) && sameVersion(other.version);
    }

    private boolean sameVersion(String other) {
        return version.equals(other) || version.equals("refs/tags/" + other) || other.equals("refs/tags/" + version);
    }

    @Override
    public String toString() {
        return version.isEmpty() ? name : name + "@" + version;
    }
}
