package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Jenkins, from the variables Jenkins and its Git plugin set for every build. */
public final class JenkinsDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/jenkins/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (env.get("JENKINS_URL").isEmpty() || env.get("BUILD_URL").isEmpty()) {
            return Optional.empty();
        }
        String ref = env.get("TAG_NAME").map(t -> "refs/tags/" + t)
                .or(() -> env.get("BRANCH_NAME").map(b -> "refs/heads/" + b))
                .or(() -> env.get("GIT_BRANCH").map(b -> "refs/heads/" + b.replaceFirst("^origin/", "")))
                .orElse("");
        String repository = env.getOrEmpty("GIT_URL");
        ObjectNode external = SourceParameters.of(repository, ref, env.getOrEmpty("JOB_NAME"), "");
        ObjectNode internal = env.pick("build_number", "BUILD_NUMBER", "node_name", "NODE_NAME", "executor_number", "EXECUTOR_NUMBER");
        Optional<SourceRevision> source = repository.isEmpty() ? Optional.empty()
                : env.get("GIT_COMMIT").map(sha -> new SourceRevision(repository, ref, sha));
        return Optional.of(new BuildEnvironment("Jenkins", env.getOrEmpty("JENKINS_URL"), BUILD_TYPE, external, internal,
                env.get("BUILD_URL"), Optional.empty(), source));
    }
}
