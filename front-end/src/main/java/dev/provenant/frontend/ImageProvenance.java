package dev.provenant.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenancePredicate;
import java.util.Optional;

/**
 * SLSA provenance for a container image built from a jar: the jar's own provenance (builder, build type,
 * parameters, dependencies) with the jar itself added in front of {@code resolvedDependencies}, so that
 * the image's provenance names what it was made from. The jar must be a subject of that provenance with
 * the same SHA-256: provenance for another build is not reused.
 */
public final class ImageProvenance {
    private ImageProvenance() {}

    /** The predicate for the image's provenance statement (of type {@link ProvenancePredicate#TYPE}). */
    public static JsonNode predicate(Statement jarProvenance, ResourceDescriptor jar) throws SetupException {
        if (!ProvenancePredicate.TYPE.equals(jarProvenance.predicateType())) {
            throw new SetupException("the jar's provenance has predicate type " + jarProvenance.predicateType() + ", not "
                    + ProvenancePredicate.TYPE);
        }
        Optional<String> sha256 = jar.digestHex("sha256");
        if (sha256.isEmpty()) {
            throw new SetupException("the jar " + jar.name() + " has no sha256 digest");
        }
        boolean described = jarProvenance.subject().stream()
                .anyMatch(s -> jar.name().equals(s.name()) && s.digestHex("sha256").equals(sha256));
        if (!described) {
            throw new SetupException("the provenance does not name " + jar.name() + " with sha256 " + sha256.get()
                    + " among its subjects: it describes another build of the jar; run the provenance goal in this build");
        }
        if (!(jarProvenance.predicate() instanceof ObjectNode original) || !(original.get("buildDefinition") instanceof ObjectNode)) {
            throw new SetupException("the jar's provenance has no buildDefinition object");
        }
        ObjectNode predicate = original.deepCopy();
        ObjectNode definition = (ObjectNode) predicate.get("buildDefinition");
        JsonNode existing = definition.get("resolvedDependencies");
        if (existing != null && !existing.isNull() && !existing.isArray()) {
            throw new SetupException("the jar's provenance has a resolvedDependencies that is not an array");
        }
        ArrayNode dependencies = JsonCodec.mapper().createArrayNode();
        dependencies.add(JsonCodec.mapper().valueToTree(jar));
        if (existing != null && existing.isArray()) {
            existing.forEach(dependencies::add);
        }
        definition.set("resolvedDependencies", dependencies);
        return predicate;
    }
}
