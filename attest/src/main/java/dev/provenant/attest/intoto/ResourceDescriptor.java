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

    /** Digest-set algorithms of fixed length, as the in-toto digest set names them, with their length in hex. */
    private static final Map<String, Integer> HEX_LENGTHS = Map.ofEntries(
            Map.entry("md5", 32), Map.entry("sha1", 40), Map.entry("sha224", 56), Map.entry("sha256", 64),
            Map.entry("sha384", 96), Map.entry("sha512", 128), Map.entry("sha512_224", 56), Map.entry("sha512_256", 64),
            Map.entry("sha3_224", 56), Map.entry("sha3_256", 64), Map.entry("sha3_384", 96), Map.entry("sha3_512", 128));

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
            Integer hexLength = HEX_LENGTHS.get(e.getKey());
            if (hexLength != null && e.getValue().length() != hexLength) {
                throw new IllegalArgumentException("digest " + e.getKey() + " must be " + hexLength + " hex characters, got "
                        + e.getValue().length());
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
