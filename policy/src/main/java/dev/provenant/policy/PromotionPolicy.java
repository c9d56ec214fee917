package dev.provenant.policy;

import dev.provenant.attest.digest.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A promotion policy: the stages in promotion order, each with the evidence it requires. Read one
 * with {@link #load(Path)}, which lints it first (schema and semantics) and refuses it on any problem.
 *
 * @param name the policy's name
 * @param uri where it is published; the VSAs it issues name it (default: the file name)
 * @param digest SHA-256 of the policy file's bytes, recorded in the VSAs it issues
 * @param verifierId {@code verifier.id} of the VSAs its gates issue
 * @param stages in promotion order
 */
public record PromotionPolicy(String name, String uri, Digest digest, String verifierId, List<Stage> stages) {
    public static final String API_VERSION = "provenant.dev/policy/v1";
    public static final String DEFAULT_VERIFIER_ID = "https://provenant.dev/promote";

    public PromotionPolicy {
        stages = List.copyOf(stages);
    }

    /**
     * Reads, lints and binds a policy file; key files it names are read relative to its folder.
     *
     * @throws PolicyException listing every problem, each with its location
     */
    public static PromotionPolicy load(Path file) throws IOException, PolicyException {
        PolicyDocument document = PolicyDocument.read(file);
        PolicyLinter.Result result = new PolicyLinter().lint(document);
        if (!result.problems().isEmpty()) {
            throw new PolicyException(file.toString(), result.problems());
        }
        return result.policy().orElseThrow();
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names of the stages, in order, for messages. */
    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }
}
