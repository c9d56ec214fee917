package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.List;

/**
 * SLSA v1 {@code buildDefinition}: the build's type, the parameters an outside party chose (which a
 * verifier checks), those the platform chose, and what the build consumed.
 */
@JsonPropertyOrder({"buildType", "externalParameters", "internalParameters", "resolvedDependencies"})
public record BuildDefinition(
        String buildType,
        JsonNode externalParameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) JsonNode internalParameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ResourceDescriptor> resolvedDependencies) {

    public BuildDefinition {
        ProvenanceUris.require("buildDefinition.buildType", buildType);
        if (externalParameters == null || !externalParameters.isObject()) {
            throw new IllegalArgumentException("buildDefinition.externalParameters must be a JSON object");
        }
        externalParameters = externalParameters.deepCopy();
        internalParameters = internalParameters == null ? JsonNodeFactory.instance.objectNode() : internalParameters.deepCopy();
        if (!internalParameters.isObject()) {
            throw new IllegalArgumentException("buildDefinition.internalParameters must be a JSON object");
        }
        resolvedDependencies = resolvedDependencies == null ? List.of() : List.copyOf(resolvedDependencies);
    }

    @Override
    public JsonNode externalParameters() {
        return externalParameters.deepCopy();
    }

    @Override
    public JsonNode internalParameters() {
        return internalParameters.deepCopy();
    }
}
