package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Azure Pipelines, from its predefined variables (exposed to scripts as upper-case environment variables). */
public final class AzurePipelinesDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/azure-pipelines/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (!env.isTrue("TF_BUILD")) {
            return Optional.empty();
        }
        String collection = env.getOrEmpty("SYSTEM_COLLECTIONURI");
        String base = collection.endsWith("/") ? collection : collection + "/";
        String project = env.getOrEmpty("SYSTEM_TEAMPROJECT");
        String ref = env.getOrEmpty("BUILD_SOURCEBRANCH");
        String repository = env.getOrEmpty("BUILD_REPOSITORY_URI");
        ObjectNode external = SourceParameters.of(repository, ref, env.getOrEmpty("BUILD_DEFINITIONNAME"),
                env.getOrEmpty("BUILD_REASON"));
        ObjectNode internal = env.pick("definition_id", "SYSTEM_DEFINITIONID", "build_number", "BUILD_BUILDNUMBER",
                "agent_name", "AGENT_NAME", "job_id", "SYSTEM_JOBID");
        Optional<String> invocation = env.get("BUILD_BUILDID").map(id -> base + project + "/_build/results?buildId=" + id);
        Optional<SourceRevision> source = repository.isEmpty() ? Optional.empty()
                : env.get("BUILD_SOURCEVERSION").map(sha -> new SourceRevision(repository, ref, sha));
        return Optional.of(new BuildEnvironment("Azure Pipelines", base + project, BUILD_TYPE, external, internal, invocation,
                Optional.empty(), source));
    }
}
