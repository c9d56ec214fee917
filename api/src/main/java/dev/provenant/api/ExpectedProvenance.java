package dev.provenant.api;

import dev.provenant.verifier.provenance.RefExpectation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What SLSA provenance must state, as slsa-verifier checks it: the source repository (required), and
 * optionally the builder, the git ref, the build type and workflow inputs. Immutable; made with {@link
 * #source(String)}. Malformed values are refused by {@link Builder#build()} with an {@link
 * IllegalArgumentException}.
 */
public final class ExpectedProvenance {
    private final dev.provenant.verifier.provenance.ProvenanceExpectations expectations;

    private ExpectedProvenance(dev.provenant.verifier.provenance.ProvenanceExpectations expectations) {
        this.expectations = expectations;
    }

    /** The repository that must have been built: {@code github.com/ORG/REPO} or a full URI. */
    public static Builder source(String sourceUri) {
        return new Builder(Objects.requireNonNull(sourceUri));
    }

    dev.provenant.verifier.provenance.ProvenanceExpectations expectations() {
        return expectations;
    }

    @Override
    public String toString() {
        return expectations.toString();
    }

    public static final class Builder {
        private final String sourceUri;
        private String builderId;
        private RefExpectation ref;
        private String buildType;
        private final Map<String, String> inputs = new LinkedHashMap<>();

        private Builder(String sourceUri) {
            this.sourceUri = sourceUri;
        }

        /** The builder: {@code NAME} matches any version, {@code NAME@REF} only that one. */
        public Builder builderId(String builderId) {
            this.builderId = builderId;
            return this;
        }

        /** The git tag that must have been built, exactly. Replaces an earlier ref expectation. */
        public Builder sourceTag(String tag) {
            this.ref = RefExpectation.tag(tag);
            return this;
        }

        /** The git branch that must have been built, exactly. Replaces an earlier ref expectation. */
        public Builder sourceBranch(String branch) {
            this.ref = RefExpectation.branch(branch);
            return this;
        }

        /** A semantic-version tag matching this prefix ({@code v1}, {@code v1.4}) must have been built. */
        public Builder sourceVersionedTag(String prefix) {
            this.ref = RefExpectation.versionedTag(prefix);
            return this;
        }

        /** The build type, exactly. */
        public Builder buildType(String buildType) {
            this.buildType = buildType;
            return this;
        }

        /** A workflow input the build must have been started with. */
        public Builder workflowInput(String key, String value) {
            inputs.put(key, value);
            return this;
        }

        public ExpectedProvenance build() {
            return new ExpectedProvenance(dev.provenant.verifier.provenance.ProvenanceExpectations.of(sourceUri, builderId, ref,
                    buildType, inputs));
        }
    }
}
