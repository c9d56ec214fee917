package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Buildkite, from the environment its agent sets for every job. */
public final class BuildkiteDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/buildkite/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (!env.isTrue("BUILDKITE")) {
            return Optional.empty();
        }
        String ref = env.get("BUILDKITE_TAG").map(t -> "refs/tags/" + t)
                .or(() -> env.get("BUILDKITE_BRANCH").map(b -> "refs/heads/" + b)).orElse("");
        String repository = env.getOrEmpty("BUILDKITE_REPO");
        ObjectNode external = SourceParameters.of(repository, ref, env.getOrEmpty("BUILDKITE_PIPELINE_SLUG"),
                env.getOrEmpty("BUILDKITE_SOURCE"));
        ObjectNode internal = env.pick("build_number", "BUILDKITE_BUILD_NUMBER", "job_id", "BUILDKITE_JOB_ID", "agent_id",
                "BUILDKITE_AGENT_ID", "agent_name", "BUILDKITE_AGENT_NAME");
        String builder = "https://buildkite.com/" + env.getOrEmpty("BUILDKITE_ORGANIZATION_SLUG");
        Optional<String> invocation = env.get("BUILDKITE_BUILD_URL").map(u -> u + env.get("BUILDKITE_JOB_ID").map(j -> "#" + j).orElse(""));
        Optional<SourceRevision> source = repository.isEmpty() ? Optional.empty()
                : env.get("BUILDKITE_COMMIT").filter(c -> c.matches("[0-9a-f]{40}")).map(sha -> new SourceRevision(repository, ref, sha));
        return Optional.of(new BuildEnvironment("Buildkite", builder, BUILD_TYPE, external, internal, invocation,
                Optional.empty(), source));
    }
}
