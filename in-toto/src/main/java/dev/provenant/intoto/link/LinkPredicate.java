package dev.provenant.intoto.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The same evidence as a classic link, as an in-toto Statement v1 with the link predicate v0.3:
 * products become the subjects, materials a list of resource descriptors, and {@code _type} and
 * {@code products} leave the predicate, as the predicate's specification converts them.
 */
public final class LinkPredicate {
    public static final String TYPE = "https://in-toto.io/attestation/link/v0.3";

    private LinkPredicate() {}

    /** @throws IllegalArgumentException when the link has no products: a statement needs a subject */
    public static Statement toStatement(Link link) {
        if (link.products().isEmpty()) {
            throw new IllegalArgumentException("step " + link.name() + " recorded no products, and a statement needs a subject");
        }
        ObjectNode predicate = JsonNodeFactory.instance.objectNode();
        predicate.put("name", link.name());
        ArrayNode command = predicate.putArray("command");
        link.command().forEach(command::add);
        ArrayNode materials = predicate.putArray("materials");
        for (var e : link.materials().entrySet()) {
            materials.add(descriptor(e.getKey(), e.getValue()));
        }
        predicate.set("byproducts", link.byproducts());
        predicate.set("environment", link.environment());
        List<ResourceDescriptor> subjects = new ArrayList<>();
        link.products().forEach((path, digests) -> subjects.add(resource(path, digests)));
        return Statement.of(subjects, TYPE, predicate);
    }

    /** The classic link a link-predicate statement converts back to. */
    public static Link toLink(Statement statement) throws FormatException {
        if (!TYPE.equals(statement.predicateType())) {
            throw new FormatException("predicate type is " + statement.predicateType() + ", not " + TYPE);
        }
        JsonNode p = statement.predicate();
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("_type", Link.TYPE);
        signed.set("name", p.get("name"));
        signed.set("command", p.has("command") ? p.get("command") : JsonNodeFactory.instance.arrayNode());
        ObjectNode materials = signed.putObject("materials");
        for (JsonNode m : p.path("materials")) {
            materials.set(m.path("name").asText(), m.path("digest"));
        }
        ObjectNode products = signed.putObject("products");
        for (ResourceDescriptor s : statement.subject()) {
            ObjectNode d = products.putObject(s.name());
            s.digest().forEach(d::put);
        }
        signed.set("byproducts", p.has("byproducts") ? p.get("byproducts") : JsonNodeFactory.instance.objectNode());
        signed.set("environment", p.has("environment") ? p.get("environment") : JsonNodeFactory.instance.objectNode());
        return Link.fromJson(signed);
    }

    private static ResourceDescriptor resource(String name, Map<String, String> digests) {
        Map<String, String> lower = new TreeMap<>();
        digests.forEach((alg, hex) -> lower.put(alg, hex.toLowerCase(java.util.Locale.ROOT)));
        return new ResourceDescriptor(name, null, lower, null, null, null, null);
    }

    private static JsonNode descriptor(String name, Map<String, String> digests) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        ObjectNode d = node.putObject("digest");
        digests.forEach((alg, hex) -> d.put(alg, hex.toLowerCase(java.util.Locale.ROOT)));
        return node;
    }
}
