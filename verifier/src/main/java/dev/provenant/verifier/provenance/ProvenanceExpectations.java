package dev.provenant.verifier.provenance;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a consumer requires of an artifact's SLSA provenance, in slsa-verifier's terms.
 *
 * @param sourceUri the repository that must have been built; {@code github.com/ORG/REPO} or a full URI
 * @param builderId the builder, {@code NAME} (any version) or {@code NAME@VERSION} (exactly that one)
 * @param ref the git ref that must have been built
 * @param buildType the build type URI, exactly
 * @param workflowInputs inputs the build must have been started with, each value exactly
 */
public record ProvenanceExpectations(SourceUri sourceUri, Optional<BuilderId> builderId, Optional<RefExpectation> ref,
        Optional<String> buildType, Map<String, String> workflowInputs) {

    public ProvenanceExpectations {
        Objects.requireNonNull(sourceUri, "a source URI is required: provenance says nothing useful without one");
        workflowInputs = java.util.Collections.unmodifiableMap(new TreeMap<>(workflowInputs));
    }

    /**
     * Expectations from user input.
     *
     * @throws IllegalArgumentException when a value cannot be an expectation (an empty source, a builder
     *     id with two {@code @}, a versioned tag that is not a semantic version)
     */
    public static ProvenanceExpectations of(String sourceUri, String builderId, RefExpectation ref, String buildType,
            Map<String, String> workflowInputs) {
        if (sourceUri == null || sourceUri.isBlank()) {
            throw new IllegalArgumentException("a source URI is required");
        }
        if (buildType != null && buildType.isEmpty()) {
            throw new IllegalArgumentException("an expected build type must not be empty");
        }
        return new ProvenanceExpectations(SourceUri.normalize(sourceUri), Optional.ofNullable(builderId).map(BuilderId::parse),
                Optional.ofNullable(ref), Optional.ofNullable(buildType), workflowInputs == null ? Map.of() : workflowInputs);
    }
}
