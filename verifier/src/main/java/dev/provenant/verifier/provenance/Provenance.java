package dev.provenant.verifier.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The fields of SLSA provenance a verifier checks, read the same way from v1 and v0.2 predicates.
 *
 * @param predicateType {@code https://slsa.dev/provenance/v1} or {@code .../v0.2}
 * @param builderId {@code runDetails.builder.id} (v1) or {@code builder.id} (v0.2)
 * @param buildType {@code buildDefinition.buildType} (v1) or {@code buildType} (v0.2)
 * @param sources every source repository URI the provenance states, where it states it (the external
 *     parameters and the first git dependency for v1; {@code invocation.configSource} and the first
 *     material for v0.2); all of them must be the expected one, as slsa-verifier checks both the trigger
 *     and the materials
 * @param ref the git ref that was built, when stated
 * @param commit the git commit that was built, when stated
 * @param inputs the workflow inputs the build was started with (an empty object when none are stated)
 */
public record Provenance(String predicateType, String builderId, String buildType, List<StatedSource> sources,
        Optional<String> ref, Optional<String> commit, JsonNode inputs) {

    /** A source URI and the field that states it, so a mismatch can say where it came from. */
    public record StatedSource(String field, String uri) {}

    public Provenance {
        sources = List.copyOf(sources);
        inputs = inputs.deepCopy();
    }

    /** The first stated source, which is what gets printed. */
    public Optional<String> source() {
        return sources.stream().findFirst().map(StatedSource::uri);
    }

    @Override
    public JsonNode inputs() {
        return inputs.deepCopy();
    }
}
