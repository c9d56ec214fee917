package dev.provenant.intoto.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.CanonicalJson;
import dev.provenant.attest.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * in-toto's classic signed metadata file: {@code {"signatures": [{"keyid", "sig"}], "signed": {...}}}.
 * Signatures cover the canonical JSON of {@code signed} exactly as it was read, so a field this
 * version does not model still counts, and nothing is re-serialised before it is verified.
 */
public record Metablock(ObjectNode signed, List<MetadataSignature> signatures) {
    public Metablock {
        if (signed == null) {
            throw new IllegalArgumentException("metablock has no signed object");
        }
        signed = signed.deepCopy();
        signatures = List.copyOf(signatures);
    }

    @Override
    public ObjectNode signed() {
        return signed.deepCopy();
    }

    /** The bytes every signature signs: the UTF-8 canonical JSON of {@code signed}. */
    public byte[] signableBytes() {
        return CanonicalJson.encode(signed);
    }

    /** {@code _type} of the signed object: "link" or "layout". */
    public String type() {
        JsonNode t = signed.get("_type");
        return t == null || !t.isTextual() ? "" : t.textValue();
    }

    public Metablock withSignatures(List<MetadataSignature> replaced) {
        return new Metablock(signed, replaced);
    }

    public static Metablock parse(byte[] json) throws FormatException {
        JsonNode root = JsonCodec.readTreeUniqueNames(json, "in-toto metadata");
        if (!root.isObject() || !root.path("signed").isObject()) {
            throw new FormatException("in-toto metadata needs a \"signed\" object");
        }
        JsonNode sigs = root.get("signatures");
        if (sigs != null && !sigs.isArray()) {
            throw new FormatException("in-toto metadata \"signatures\" must be a list");
        }
        List<MetadataSignature> signatures = new ArrayList<>();
        if (sigs != null) {
            for (JsonNode s : sigs) {
                if (!s.path("keyid").isTextual() || !s.path("sig").isTextual()) {
                    throw new FormatException("every signature needs a keyid and a sig string");
                }
                try {
                    signatures.add(new MetadataSignature(s.get("keyid").textValue(), s.get("sig").textValue()));
                } catch (IllegalArgumentException e) {
                    throw new FormatException(e.getMessage());
                }
            }
        }
        try {
            CanonicalJson.encode(root.get("signed"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("\"signed\" is not canonical-JSON encodable: " + e.getMessage());
        }
        return new Metablock((ObjectNode) root.get("signed"), signatures);
    }

    /** Written as in-toto writes it: keys sorted, one-space indent; any JSON reader reads it. */
    public byte[] toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode sigs = root.putArray("signatures");
        for (MetadataSignature s : signatures) {
            sigs.addObject().put("keyid", s.keyid()).put("sig", s.sig());
        }
        root.set("signed", sorted(signed));
        return JsonCodec.writePretty(root);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            node.fields().forEachRemaining(entries::add);
            entries.sort(Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            entries.forEach(e -> out.set(e.getKey(), sorted(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
