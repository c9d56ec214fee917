package dev.provenant.verifier.provenance;

import java.util.Objects;

/**
 * What the built git ref must be: a tag exactly, a branch exactly, or a tag that is a semantic
 * version matching a version prefix (slsa-verifier's {@code --source-tag}, {@code --source-branch}
 * and {@code --source-versioned-tag}).
 */
public record RefExpectation(Kind kind, String value) {

    public enum Kind {
        TAG("tag"),
        BRANCH("branch"),
        VERSIONED_TAG("versioned tag");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RefExpectation {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an expected " + kind.label() + " must not be empty");
        }
        // Rejected up front so a typo is a usage error, not a verification failure of every bundle.
        if (kind == Kind.VERSIONED_TAG && SemanticVersionTag.parse(value).isEmpty()) {
            throw new IllegalArgumentException("versioned tag " + value + " is not a semantic version such as v1, v1.2 or v1.2.3");
        }
    }

    public static RefExpectation tag(String tag) {
        return new RefExpectation(Kind.TAG, tag);
    }

    public static RefExpectation branch(String branch) {
        return new RefExpectation(Kind.BRANCH, branch);
    }

    public static RefExpectation versionedTag(String version) {
        return new RefExpectation(Kind.VERSIONED_TAG, version);
    }
}
