package dev.provenant.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout cosign v3 and GitHub's attestations ({@code @sigstore/oci}) give a Sigstore bundle in a
 * registry: an OCI 1.1 image manifest whose artifact type and one layer are the bundle v0.3 media type,
 * with the empty config, the image as its subject, and annotations saying the bundle holds a DSSE
 * envelope of which predicate type.
 */
public final class SigstoreLayout {
    public static final String BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public static final String EMPTY_CONFIG_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    public static final byte[] EMPTY_CONFIG = {'{', '}'};
    public static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
    public static final String PREDICATE_TYPE_ANNOTATION = "dev.sigstore.bundle.predicateType";
    public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
    /** The predicate type of cosign v3's image signature: a statement that says only "signed". */
    public static final String SIGN_PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";
    /** The largest bundle layer read. */
    public static final int MAX_BUNDLE_BYTES = dev.provenant.attest.io.InputLimit.BUNDLE.maxBytes();

    private SigstoreLayout() {}

    /** The annotations of a referrer holding a DSSE bundle of {@code predicateType}. */
    public static Map<String, String> annotations(String predicateType, Instant created) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(CONTENT_ANNOTATION, "dsse-envelope");
        a.put(PREDICATE_TYPE_ANNOTATION, predicateType);
        a.put(CREATED_ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS)));
        return a;
    }

    /** The referrer manifest of a bundle layer {@code bundle} about {@code subject}. */
    public static byte[] referrerManifest(Descriptor subject, Descriptor bundle, Map<String, String> annotations) {
        ObjectNode m = JsonCodec.mapper().createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", Manifest.OCI_MANIFEST);
        m.put("artifactType", BUNDLE_MEDIA_TYPE);
        ObjectNode config = m.putObject("config");
        config.put("mediaType", EMPTY_CONFIG_MEDIA_TYPE);
        config.put("digest", Manifest.sha256(EMPTY_CONFIG).toString());
        config.put("size", EMPTY_CONFIG.length);
        m.putArray("layers").add(bundle.toJson());
        m.set("subject", new Descriptor(subject.mediaType(), subject.digest(), subject.size(), null, Map.of()).toJson());
        ObjectNode a = m.putObject("annotations");
        annotations.forEach(a::put);
        return JsonCodec.write(m);
    }

    /** Whether a referrer's descriptor or manifest says it holds a Sigstore bundle. */
    public static boolean isBundle(String artifactType) {
        return artifactType != null && artifactType.startsWith("application/vnd.dev.sigstore.bundle");
    }
}
