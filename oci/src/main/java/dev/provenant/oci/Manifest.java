package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.json.JsonCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest or an index exactly as the registry served it: its bytes, the digest of those bytes, and
 * the fields Provenant reads. The digest is always computed here, never taken from a response header.
 */
public final class Manifest {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** The Accept header of a manifest request: every kind Provenant reads. */
    public static final String ACCEPT = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final JsonNode json;

    private Manifest(byte[] bytes, String mediaType, Digest digest, JsonNode json) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        this.json = json;
    }

    /**
     * Reads {@code bytes}; the media type is the document's own {@code mediaType}, else the one the
     * registry sent. A document that names one which contradicts the registry's is refused.
     */
    public static Manifest parse(byte[] bytes, String contentType) throws FormatException {
        JsonNode json = JsonCodec.readTreeUniqueNames(bytes, "manifest");
        if (!json.isObject()) {
            throw new FormatException("manifest is not a JSON object");
        }
        String own = json.path("mediaType").isTextual() ? json.path("mediaType").asText() : null;
        String served = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (own != null && served != null && !served.isEmpty() && !served.equals(own)
                && !served.equals("application/json") && !served.equals("application/octet-stream")) {
            throw new FormatException("manifest says it is " + own + " but was served as " + served);
        }
        String type = own != null ? own : served;
        if (type == null || type.isEmpty()) {
            type = json.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        }
        if (json.path("schemaVersion").asInt(-1) != 2) {
            throw new FormatException("manifest schemaVersion is not 2");
        }
        return new Manifest(bytes.clone(), type, sha256(bytes), json);
    }

    public static Digest sha256(byte[] content) {
        try {
            return new Digest(DigestAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public boolean isIndex() {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST);
    }

    /** This manifest's descriptor, as a referrer's {@code subject} or an index entry names it. */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length, artifactType().orElse(null), annotations());
    }

    public Optional<String> artifactType() {
        return json.path("artifactType").isTextual() ? Optional.of(json.path("artifactType").asText()) : Optional.empty();
    }

    public Map<String, String> annotations() {
        Map<String, String> out = new LinkedHashMap<>();
        json.path("annotations").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    public Optional<Descriptor> config() throws FormatException {
        JsonNode c = json.path("config");
        return c.isMissingNode() ? Optional.empty() : Optional.of(Descriptor.parse(c, "manifest config"));
    }

    public List<Descriptor> layers() throws FormatException {
        return list("layers");
    }

    /** An index's entries. */
    public List<Descriptor> manifests() throws FormatException {
        return list("manifests");
    }

    public Optional<Descriptor> subject() throws FormatException {
        JsonNode s = json.path("subject");
        return s.isMissingNode() || s.isNull() ? Optional.empty() : Optional.of(Descriptor.parse(s, "manifest subject"));
    }

    private List<Descriptor> list(String field) throws FormatException {
        JsonNode node = json.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new FormatException("manifest " + field + " is not an array");
        }
        List<Descriptor> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(Descriptor.parse(node.get(i), "manifest " + field + "[" + i + "]"));
        }
        return out;
    }
}
