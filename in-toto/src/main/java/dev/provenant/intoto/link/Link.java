package dev.provenant.intoto.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The classic in-toto link ({@code "_type": "link"}): evidence that step {@code name} ran
 * {@code command}, turning {@code materials} into {@code products}. Artifacts map a path to its
 * digests ({@code {"sha256": hex}}); byproducts (stdout, stderr, return-value) and environment are
 * opaque objects.
 */
public record Link(
        String name,
        List<String> command,
        SortedMap<String, Map<String, String>> materials,
        SortedMap<String, Map<String, String>> products,
        ObjectNode byproducts,
        ObjectNode environment) {

    public static final String TYPE = "link";

    public Link {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a link needs a step name");
        }
        command = List.copyOf(command);
        materials = artifacts(materials);
        products = artifacts(products);
        byproducts = byproducts == null ? JsonNodeFactory.instance.objectNode() : byproducts.deepCopy();
        environment = environment == null ? JsonNodeFactory.instance.objectNode() : environment.deepCopy();
    }

    private static SortedMap<String, Map<String, String>> artifacts(Map<String, Map<String, String>> in) {
        SortedMap<String, Map<String, String>> out = new TreeMap<>();
        if (in != null) {
            in.forEach((path, digests) -> out.put(path, Collections.unmodifiableSortedMap(new TreeMap<>(digests))));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public ObjectNode byproducts() {
        return byproducts.deepCopy();
    }

    @Override
    public ObjectNode environment() {
        return environment.deepCopy();
    }

    public Link withProducts(Map<String, Map<String, String>> newProducts) {
        return new Link(name, command, materials, new TreeMap<>(newProducts), byproducts, environment);
    }

    /** The {@code signed} object, with every field in-toto's Link has. */
    public ObjectNode toJsonNode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("_type", TYPE);
        node.put("name", name);
        ArrayNode cmd = node.putArray("command");
        command.forEach(cmd::add);
        node.set("materials", artifactsNode(materials));
        node.set("products", artifactsNode(products));
        node.set("byproducts", byproducts.deepCopy());
        node.set("environment", environment.deepCopy());
        return node;
    }

    private static ObjectNode artifactsNode(Map<String, Map<String, String>> artifacts) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        artifacts.forEach((path, digests) -> {
            ObjectNode d = node.putObject(path);
            digests.forEach(d::put);
        });
        return node;
    }

    /** An unsigned metablock around this link. */
    public Metablock unsigned() {
        return new Metablock(toJsonNode(), List.of());
    }

    /** Reads the {@code signed} object of a link metablock, checking it as in-toto's Link.validate does. */
    public static Link fromJson(JsonNode signed) throws FormatException {
        if (!signed.path("_type").isTextual() || !TYPE.equals(signed.get("_type").textValue())) {
            throw new FormatException("not an in-toto link: _type must be \"link\"");
        }
        if (!signed.path("name").isTextual() || signed.get("name").textValue().isEmpty()) {
            throw new FormatException("link has no step name");
        }
        List<String> command = new ArrayList<>();
        JsonNode cmd = signed.path("command");
        if (!cmd.isMissingNode() && !cmd.isArray()) {
            throw new FormatException("link command must be a list");
        }
        for (JsonNode c : cmd) {
            if (!c.isTextual()) {
                throw new FormatException("link command must be a list of strings");
            }
            command.add(c.textValue());
        }
        return new Link(signed.get("name").textValue(), command, readArtifacts(signed, "materials"),
                readArtifacts(signed, "products"), object(signed, "byproducts"), object(signed, "environment"));
    }

    private static ObjectNode object(JsonNode signed, String field) throws FormatException {
        JsonNode node = signed.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new FormatException("link " + field + " must be an object");
        }
        return (ObjectNode) node;
    }

    private static SortedMap<String, Map<String, String>> readArtifacts(JsonNode signed, String field) throws FormatException {
        SortedMap<String, Map<String, String>> out = new TreeMap<>();
        JsonNode node = signed.get(field);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new FormatException("link " + field + " must be an object of path to digests");
        }
        for (var e : node.properties()) {
            if (!e.getValue().isObject() || e.getValue().isEmpty()) {
                throw new FormatException("link " + field + " entry '" + e.getKey() + "' needs a digest object");
            }
            Map<String, String> digests = new TreeMap<>();
            for (var d : e.getValue().properties()) {
                if (!d.getValue().isTextual() || !d.getValue().textValue().matches("[0-9a-fA-F]+")) {
                    throw new FormatException("link " + field + " entry '" + e.getKey() + "' has a non-hex " + d.getKey());
                }
                digests.put(d.getKey(), d.getValue().textValue());
            }
            out.put(e.getKey(), digests);
        }
        return out;
    }
}
