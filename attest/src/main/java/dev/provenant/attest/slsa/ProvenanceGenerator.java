package dev.provenant.attest.slsa;

import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.ci.SourceRevision;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles SLSA v1 provenance: subjects from the caller, everything else from the detected build
 * environment, plus resolved dependencies the caller knows about (the CLI's
 * {@code --resolved-dependency}, the Maven plugin's dependency graph). Linear in the number of
 * subjects and dependencies.
 */
public final class ProvenanceGenerator {
    /**
     * Explicit overrides of what the environment says, for builders the detectors do not know.
     *
     * @param builderId replaces {@code runDetails.builder.id} when present
     * @param buildType replaces {@code buildDefinition.buildType} when present
     */
    public record Overrides(Optional<String> builderId, Optional<String> buildType) {
        public static Overrides none() {
            return new Overrides(Optional.empty(), Optional.empty());
        }
    }

    public Statement generate(List<ResourceDescriptor> subjects, BuildEnvironment environment,
            List<ResourceDescriptor> dependencies, Overrides overrides, Instant finishedOn) {
        // The checked-out source comes first; an explicit entry for the same URI replaces a detected one.
        Map<String, ResourceDescriptor> resolved = new LinkedHashMap<>();
        environment.source().map(SourceRevision::asDependency).ifPresent(d -> resolved.put(key(d), d));
        for (ResourceDescriptor d : dependencies) {
            resolved.put(key(d), d);
        }
        BuildDefinition definition = new BuildDefinition(overrides.buildType().orElse(environment.buildType()),
                environment.externalParameters(), environment.internalParameters(), new ArrayList<>(resolved.values()));
        RunDetails run = new RunDetails(Builder.of(overrides.builderId().orElse(environment.builderId())),
                BuildMetadata.of(environment.invocationId().orElse(null), environment.startedOn().orElse(null), finishedOn),
                List.of());
        return new ProvenancePredicate(definition, run).statement(subjects);
    }

    private static String key(ResourceDescriptor d) {
        return d.uri() != null ? d.uri() : d.name() + "|" + d.digest();
    }
}
