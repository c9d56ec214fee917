package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** CircleCI, from its built-in environment variables. */
public final class CircleCiDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/circleci/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (!env.isTrue("CIRCLECI")) {
            return Optional.empty();
        }
        String ref = env.get("CIRCLE_TAG").map(t -> "refs/tags/" + t)
                .or(() -> env.get("CIRCLE_BRANCH").map(b -> "refs/heads/" + b)).orElse("");
        String repository = env.getOrEmpty("CIRCLE_REPOSITORY_URL");
        ObjectNode external = SourceParameters.of(repository, ref, env.getOrEmpty("CIRCLE_JOB"), "");
        ObjectNode internal = env.pick("workflow_id", "CIRCLE_WORKFLOW_ID", "build_number", "CIRCLE_BUILD_NUM",
                "project_username", "CIRCLE_PROJECT_USERNAME", "project_reponame", "CIRCLE_PROJECT_REPONAME");
        Optional<SourceRevision> source = repository.isEmpty() ? Optional.empty()
                : env.get("CIRCLE_SHA1").map(sha -> new SourceRevision(repository, ref, sha));
        return Optional.of(new BuildEnvironment("CircleCI", "https://circleci.com", BUILD_TYPE, external, internal,
                env.get("CIRCLE_BUILD_URL"), Optional.empty(), source));
    }
}
