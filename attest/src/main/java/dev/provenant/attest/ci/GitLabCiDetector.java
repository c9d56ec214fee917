package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** GitLab CI/CD, from its predefined CI/CD variables. The builder is the runner that ran the job. */
public final class GitLabCiDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/gitlab-ci/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (!env.isTrue("GITLAB_CI")) {
            return Optional.empty();
        }
        String server = env.get("CI_SERVER_URL").orElse("https://gitlab.com");
        String project = env.get("CI_PROJECT_URL").orElse(server + "/" + env.getOrEmpty("CI_PROJECT_PATH"));
        String ref = env.get("CI_COMMIT_TAG").map(t -> "refs/tags/" + t)
                .orElse(env.get("CI_COMMIT_BRANCH").or(() -> env.get("CI_COMMIT_REF_NAME")).map(b -> "refs/heads/" + b).orElse(""));
        ObjectNode external = SourceParameters.of(project, ref, env.get("CI_CONFIG_PATH").orElse(".gitlab-ci.yml"),
                env.getOrEmpty("CI_PIPELINE_SOURCE"));
        ObjectNode internal = env.pick("project_id", "CI_PROJECT_ID", "pipeline_id", "CI_PIPELINE_ID", "job_name", "CI_JOB_NAME",
                "runner_description", "CI_RUNNER_DESCRIPTION", "server_version", "CI_SERVER_VERSION");
        String builder = server + "/" + env.getOrEmpty("CI_PROJECT_PATH") + "/-/runners/" + env.get("CI_RUNNER_ID").orElse("unknown");
        return Optional.of(new BuildEnvironment("GitLab CI", builder, BUILD_TYPE, external, internal, env.get("CI_JOB_URL"),
                env.instant("CI_JOB_STARTED_AT"), env.get("CI_COMMIT_SHA").map(sha -> new SourceRevision(project, ref, sha))));
    }
}
