package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Tekton Pipelines. Tekton sets no CI variables of its own in a step's environment, so a task passes
 * its context variables in under these names (see the README):
 * {@code TEKTON_PIPELINE_RUN=$(context.pipelineRun.name)}, {@code TEKTON_TASK_RUN=$(context.taskRun.name)},
 * {@code TEKTON_NAMESPACE=$(context.taskRun.namespace)}, {@code TEKTON_TASK_RUN_UID=$(context.taskRun.uid)},
 * and, when the pipeline knows them, {@code TEKTON_SOURCE_URL}, {@code TEKTON_SOURCE_REF} and
 * {@code TEKTON_SOURCE_REVISION} from its git-clone task's results.
 */
public final class TektonDetector implements CiDetector {
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/tekton/v1";

    @Override
    public Optional<BuildEnvironment> detect(Environment env) {
        if (env.get("TEKTON_TASK_RUN").isEmpty()) {
            return Optional.empty();
        }
        String namespace = env.get("TEKTON_NAMESPACE").orElse("default");
        String repository = env.getOrEmpty("TEKTON_SOURCE_URL");
        String ref = env.getOrEmpty("TEKTON_SOURCE_REF");
        ObjectNode external = SourceParameters.of(repository, ref, env.getOrEmpty("TEKTON_PIPELINE_RUN"), "");
        ObjectNode internal = env.pick("namespace", "TEKTON_NAMESPACE", "task_run", "TEKTON_TASK_RUN", "task_run_uid",
                "TEKTON_TASK_RUN_UID");
        Optional<String> invocation = Optional.of("tekton://" + namespace + "/taskruns/"
                + env.get("TEKTON_TASK_RUN_UID").orElse(env.getOrEmpty("TEKTON_TASK_RUN")));
        Optional<SourceRevision> source = repository.isEmpty() ? Optional.empty()
                : env.get("TEKTON_SOURCE_REVISION").map(sha -> new SourceRevision(repository, ref, sha));
        return Optional.of(new BuildEnvironment("Tekton", "https://tekton.dev/pipelines/" + namespace, BUILD_TYPE, external,
                internal, invocation, Optional.empty(), source));
    }
}
