package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * GitHub Actions, with the field values of GitHub's own build provenance (actions/attest-build-provenance,
 * buildType {@code https://actions.github.io/buildtypes/workflow/v1}): the workflow's repository, ref
 * and path as external parameters, the event and numeric ids as internal ones, the workflow file at
 * its ref as the builder, and the run attempt as the invocation.
 */
public final class GitHubActionsDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://actions.github.io/buildtypes/workflow/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (!env.isTrue("GITHUB_ACTIONS")) {
            return Optional.empty();
        }
        String server = env.get("GITHUB_SERVER_URL").orElse("https://github.com");
        String repository = env.getOrEmpty("GITHUB_REPOSITORY");
        String ref = env.getOrEmpty("GITHUB_REF");
        String repositoryUri = server + "/" + repository;
        // GITHUB_WORKFLOW_REF is OWNER/REPO/PATH@REF; the path and the ref may themselves contain '@'.
        String workflowRef = env.getOrEmpty("GITHUB_WORKFLOW_REF");
        String path = workflowRef;
        if (path.startsWith(repository + "/")) {
            path = path.substring(repository.length() + 1);
        }
        if (!ref.isEmpty() && path.endsWith("@" + ref)) {
            path = path.substring(0, path.length() - ref.length() - 1);
        }

        ObjectNode workflow = JsonNodeFactory.instance.objectNode();
        workflow.put("ref", ref);
        workflow.put("repository", repositoryUri);
        workflow.put("path", path);
        ObjectNode external = JsonNodeFactory.instance.objectNode();
        external.set("workflow", workflow);

        ObjectNode github = env.pick("event_name", "GITHUB_EVENT_NAME", "repository_id", "GITHUB_REPOSITORY_ID",
                "repository_owner_id", "GITHUB_REPOSITORY_OWNER_ID", "runner_environment", "RUNNER_ENVIRONMENT");
        ObjectNode internal = JsonNodeFactory.instance.objectNode();
        internal.set("github", github);

        Optional<String> invocation = env.get("GITHUB_RUN_ID").map(id -> repositoryUri + "/actions/runs/" + id + "/attempts/"
                + env.get("GITHUB_RUN_ATTEMPT").orElse("1"));
        Optional<SourceRevision> source = env.get("GITHUB_SHA").map(sha -> new SourceRevision(repositoryUri, ref, sha));
        return Optional.of(new BuildEnvironment("GitHub Actions", server + "/" + workflowRef, BUILD_TYPE, external, internal,
                invocation, Optional.empty(), source));
    }
}
