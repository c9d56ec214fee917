package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI content descriptor: what a manifest or an index says about a blob or a manifest it points to.
 *
 * @param artifactType the artifact type, or null
 * @param annotations the annotations, empty when there are none
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
    public Descriptor {
        if (mediaType == null || mediaType.isEmpty()) {
            throw new IllegalArgumentException("a descriptor has a mediaType");
        }
        if (digest == null) {
            throw new IllegalArgumentException("a descriptor has a digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a descriptor's size is not negative");
        }
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    }

    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, Manifest.sha256(content), content.length, null, Map.of());
    }

    /** Reads a descriptor of a manifest or an index; {@code where} names it in a failure. */
    static Descriptor parse(JsonNode node, String where) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(where + " is not a JSON object");
        }
        JsonNode mediaType = node.path("mediaType");
        JsonNode digest = node.path("digest");
        JsonNode size = node.path("size");
        if (!mediaType.isTextual() || !digest.isTextual() || !size.canConvertToLong()) {
            throw new FormatException(where + " lacks a mediaType, digest or size");
        }
        Digest d;
        try {
            d = Digest.parse(digest.asText());
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": digest " + e.getMessage());
        }
        if (!digest.asText().equals(d.toString())) {
            throw new FormatException(where + ": digest '" + digest.asText() + "' is not in canonical lower-case form");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode a = node.path("annotations");
        if (!a.isMissingNode() && !a.isNull()) {
            if (!a.isObject()) {
                throw new FormatException(where + ": annotations is not an object");
            }
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new FormatException(where + ": annotation " + e.getKey() + " is not a string");
                }
                annotations.put(e.getKey(), e.getValue().asText());
            }
        }
        try {
            return new Descriptor(mediaType.asText(), d, size.asLong(),
                    node.path("artifactType").isTextual() ? node.path("artifactType").asText() : null, annotations);
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    ObjectNode toJson() {
        ObjectNode out = JsonCodec.mapper().createObjectNode();
        out.put("mediaType", mediaType);
        out.put("digest", digest.toString());
        out.put("size", size);
        if (artifactType != null) {
            out.put("artifactType", artifactType);
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = out.putObject("annotations");
            new java.util.TreeMap<>(annotations).forEach(a::put);
        }
        return out;
    }

    public Descriptor withArtifactType(String type, Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, type, newAnnotations);
    }
}
