package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CI system says about the build it is running: the facts SLSA provenance records. Produced
 * by one {@link CiDetector} per CI system from that system's documented environment variables.
 *
 * @param system a human name, for example "GitHub Actions"
 * @param builderId SLSA {@code runDetails.builder.id}
 * @param buildType SLSA {@code buildDefinition.buildType}
 * @param externalParameters what the person or event that started the build chose
 * @param internalParameters what the platform chose
 * @param invocationId a URI of this run, when the system has one
 * @param startedOn when the run started, when the system says
 * @param source the checked-out source: repository, ref and commit, when known
 */
public record BuildEnvironment(
        String system,
        String builderId,
        String buildType,
        ObjectNode externalParameters,
        ObjectNode internalParameters,
        Optional<String> invocationId,
        Optional<Instant> startedOn,
        Optional<SourceRevision> source) {

    public BuildEnvironment {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(builderId, "builderId");
        Objects.requireNonNull(buildType, "buildType");
        externalParameters = externalParameters.deepCopy();
        internalParameters = internalParameters.deepCopy();
    }

    /**
     * This environment with one more internal parameter, for facts the caller knows and the CI system
     * does not, such as a build tool's goals and versions; an existing parameter of that name is replaced.
     */
    public BuildEnvironment withInternalParameter(String name, JsonNode value) {
        ObjectNode internal = internalParameters.deepCopy();
        internal.set(name, value.deepCopy());
        return new BuildEnvironment(system, builderId, buildType, externalParameters, internal, invocationId, startedOn, source);
    }

    @Override
    public ObjectNode externalParameters() {
        return externalParameters.deepCopy();
    }

    @Override
    public ObjectNode internalParameters() {
        return internalParameters.deepCopy();
    }
}
