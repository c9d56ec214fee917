package dev.provenant.attest.intoto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.Base64Text;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * in-toto ResourceDescriptor v1: a subject, material or dependency. At least one of uri, digest and
 * content must be set; digest values are lowercase hex for the hex-encoded algorithms.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "uri", "digest", "content", "downloadLocation", "mediaType", "annotations"})
public record ResourceDescriptor(
        String name,
        String uri,
        Map<String, String> digest,
        String content,
        String downloadLocation,
        String mediaType,
        JsonNode annotations) {

    public ResourceDescriptor {
        digest = digest == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(digest));
        if ((uri == null || uri.isEmpty()) && digest.isEmpty() && (content == null || content.isEmpty())) {
            throw new IllegalArgumentException("a resource descriptor needs at least one of uri, digest and content");
        }
        for (var e : digest.entrySet()) {
            if (e.getKey().isEmpty() || e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("digest entries need an algorithm and a value");
            }
            if (isHexAlgorithm(e.getKey()) && !e.getValue().matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("digest " + e.getKey() + " must be lowercase hex");
            }
        }
        if (content != null) {
            Base64Text.require("content", content);
        }
        annotations = annotations == null ? null : annotations.deepCopy();
    }

    public static ResourceDescriptor of(String name, Digest... digests) {
        Map<String, String> set = new TreeMap<>();
        for (Digest d : digests) {
            set.put(d.algorithm().intotoName(), d.hex());
        }
        return new ResourceDescriptor(name, null, set, null, null, null, null);
    }

    @Override
    public JsonNode annotations() {
        return annotations == null ? null : annotations.deepCopy();
    }

    /** The digest of the given algorithm, if this descriptor carries one. */
    public Optional<String> digestHex(String algorithm) {
        return Optional.ofNullable(digest.get(algorithm));
    }

    private static boolean isHexAlgorithm(String name) {
        return name.startsWith("sha") || name.equals("md5") || name.startsWith("blake2") || name.equals("gitCommit")
                || name.equals("gitTree") || name.equals("gitBlob") || name.equals("gitTag");
    }
}
