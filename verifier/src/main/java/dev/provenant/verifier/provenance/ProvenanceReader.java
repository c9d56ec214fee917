package dev.provenant.verifier.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the checked fields out of a verified statement's SLSA predicate. v1 is what builders write
 * today; v0.2 is read (never written) because slsa-github-generator and older GitHub tooling still
 * publish it.
 */
public final class ProvenanceReader {
    public static final String V1 = "https://slsa.dev/provenance/v1";
    public static final String V02 = "https://slsa.dev/provenance/v0.2";

    public Provenance read(Statement statement) throws VerificationException {
        String type = statement.predicateType();
        JsonNode predicate = statement.predicate();
        if (V1.equals(type)) {
            return v1(predicate);
        }
        if (V02.equals(type)) {
            return v02(predicate);
        }
        throw new VerificationException(Check.PREDICATE_TYPE, "predicate type is " + type + ", not SLSA provenance (" + V1
                + " or " + V02 + ")");
    }

    private static Provenance v1(JsonNode predicate) throws VerificationException {
        JsonNode definition = predicate.path("buildDefinition");
        JsonNode external = definition.path("externalParameters");
        String builder = requiredText(predicate.path("runDetails").path("builder").path("id"), "runDetails.builder.id");
        String buildType = requiredText(definition.path("buildType"), "buildDefinition.buildType");
        List<Provenance.StatedSource> sources = new ArrayList<>();
        Optional<String> ref = Optional.empty();
        // GitHub's build type (and slsa-github-generator's) names the workflow's repository; Provenant's
        // own build types name the checked-out source. Either is the trigger slsa-verifier checks.
        for (String parameter : new String[] {"workflow", "source"}) {
            JsonNode node = external.path(parameter);
            Optional<String> repository = text(node.path("repository"));
            if (repository.isPresent()) {
                sources.add(new Provenance.StatedSource("externalParameters." + parameter + ".repository", repository.get()));
                ref = ref.or(() -> text(node.path("ref")));
            }
        }
        Optional<String> commit = Optional.empty();
        for (JsonNode dependency : definition.path("resolvedDependencies")) {
            Optional<String> uri = text(dependency.path("uri")).filter(u -> u.startsWith("git+"));
            if (uri.isPresent()) {
                String[] split = SourceUri.splitRef(uri.get());
                sources.add(new Provenance.StatedSource("resolvedDependencies uri " + uri.get(), split[0]));
                String depRef = split[1];
                ref = ref.or(() -> depRef.isEmpty() ? Optional.empty() : Optional.of(depRef));
                commit = text(dependency.path("digest").path("gitCommit")).or(() -> text(dependency.path("digest").path("sha1")));
                break; // the first git dependency is the source; later ones are submodules or tools
            }
        }
        JsonNode inputs = external.path("inputs");
        return new Provenance(V1, builder, buildType, sources, ref, commit,
                inputs.isObject() ? inputs : JsonNodeFactory.instance.objectNode());
    }

    private static Provenance v02(JsonNode predicate) throws VerificationException {
        String builder = requiredText(predicate.path("builder").path("id"), "builder.id");
        String buildType = requiredText(predicate.path("buildType"), "buildType");
        JsonNode invocation = predicate.path("invocation");
        JsonNode configSource = invocation.path("configSource");
        List<Provenance.StatedSource> sources = new ArrayList<>();
        Optional<String> ref = Optional.empty();
        Optional<String> commit = Optional.empty();
        Optional<String> config = text(configSource.path("uri"));
        if (config.isPresent()) {
            String[] split = SourceUri.splitRef(config.get());
            sources.add(new Provenance.StatedSource("invocation.configSource.uri", split[0]));
            ref = split[1].isEmpty() ? Optional.empty() : Optional.of(split[1]);
            commit = text(configSource.path("digest").path("sha1")).or(() -> text(configSource.path("digest").path("gitCommit")));
        }
        JsonNode materials = predicate.path("materials");
        if (materials.isArray() && !materials.isEmpty()) {
            Optional<String> uri = text(materials.get(0).path("uri")).filter(u -> u.startsWith("git+"));
            if (uri.isPresent()) {
                String[] split = SourceUri.splitRef(uri.get());
                sources.add(new Provenance.StatedSource("materials[0].uri", split[0]));
                String materialRef = split[1];
                ref = ref.or(() -> materialRef.isEmpty() ? Optional.empty() : Optional.of(materialRef));
            }
        }
        // slsa-github-generator writes workflow_dispatch inputs into the event payload it records.
        JsonNode inputs = invocation.path("parameters").path("inputs");
        if (!inputs.isObject()) {
            inputs = invocation.path("environment").path("github_event_payload").path("inputs");
        }
        return new Provenance(V02, builder, buildType, sources, ref, commit,
                inputs.isObject() ? inputs : JsonNodeFactory.instance.objectNode());
    }

    private static String requiredText(JsonNode node, String field) throws VerificationException {
        return text(node).orElseThrow(() -> new VerificationException(Check.STATEMENT, "the provenance has no " + field));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
