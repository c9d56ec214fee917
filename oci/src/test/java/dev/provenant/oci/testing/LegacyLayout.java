package dev.provenant.oci.testing;

import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.Digest;
import dev.provenant.oci.CosignLegacy;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.RegistryClient;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * Writes cosign's legacy layout as cosign 2 writes it, for tests: a {@code sha256-HEX.sig} or
 * {@code .att} tag whose manifest has one layer per signature, the signature material in its
 * annotations. Provenant itself only reads this layout.
 */
public final class LegacyLayout {
    private static final byte[] CONFIG = "{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);

    private LegacyLayout() {}

    /** One layer: its media type, its blob and its annotations. */
    public record Layer(String mediaType, byte[] blob, Map<String, String> annotations) {
        public Layer with(String key, String value) {
            Map<String, String> a = new TreeMap<>(annotations);
            if (value == null) {
                a.remove(key);
            } else {
                a.put(key, value);
            }
            return new Layer(mediaType, blob, a);
        }
    }

    /** The simple-signing payload cosign signs for {@code image} at {@code digest}. */
    public static byte[] simpleSigning(String dockerReference, Digest digest) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":{"
                + "\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"" + CosignLegacy.SIMPLE_SIGNING_TYPE + "\"},\"optional\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes the layers' blobs and the manifest holding them, tagged {@code tag}. */
    public static Digest push(RegistryClient client, ImageReference image, String tag, List<Layer> layers) throws Exception {
        client.pushBlob(image, CONFIG);
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + CONFIG.length + ",\"digest\":\""
                + Manifest.sha256(CONFIG) + "\"},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            client.pushBlob(image, layer.blob());
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(layer.mediaType()).append("\",\"size\":")
                    .append(layer.blob().length).append(",\"digest\":\"").append(Manifest.sha256(layer.blob())).append("\",\"annotations\":{");
            int j = 0;
            for (Map.Entry<String, String> a : new TreeMap<>(layer.annotations()).entrySet()) {
                manifest.append(j++ == 0 ? "" : ",").append(json(a.getKey())).append(':').append(json(a.getValue()));
            }
            manifest.append("}}");
        }
        manifest.append("]}");
        byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        client.pushManifest(image, tag, bytes, Manifest.OCI_MANIFEST);
        return Manifest.sha256(bytes);
    }

    /** PEM certificates, as cosign puts them in the certificate and chain annotations. */
    public static String pem(List<byte[]> ders) {
        StringBuilder out = new StringBuilder();
        for (byte[] der : ders) {
            out.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    /** cosign's Rekor bundle annotation for a log entry: its SET, and the payload the SET signs. */
    public static String rekorBundle(TransparencyLogEntry entry) {
        return rekorBundle(entry.inclusionPromise().signedEntryTimestampBytes(), entry);
    }

    /** As {@link #rekorBundle(TransparencyLogEntry)}, with {@code set} as the signed entry timestamp. */
    public static String rekorBundle(byte[] set, TransparencyLogEntry entry) {
        return "{\"SignedEntryTimestamp\":\"" + Base64.getEncoder().encodeToString(set) + "\",\"Payload\":{\"body\":\""
                + Base64.getEncoder().encodeToString(entry.canonicalizedBodyBytes()) + "\",\"integratedTime\":" + entry.integratedTime()
                + ",\"logIndex\":" + entry.logIndex() + ",\"logID\":\"" + HexFormat.of().formatHex(entry.logId().keyIdBytes()) + "\"}}";
    }

    /** What a Rekor v1 SET signs for {@code entry}: the canonical JSON of body, integratedTime, logID, logIndex. */
    public static byte[] setPayload(TransparencyLogEntry entry) {
        return ("{\"body\":\"" + Base64.getEncoder().encodeToString(entry.canonicalizedBodyBytes()) + "\",\"integratedTime\":"
                + entry.integratedTime() + ",\"logID\":\"" + HexFormat.of().formatHex(entry.logId().keyIdBytes()) + "\",\"logIndex\":"
                + entry.logIndex() + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** cosign's RFC 3161 annotation around a DER TimeStampResp. */
    public static String timestampAnnotation(byte[] response) {
        return "{\"SignedRFC3161Timestamp\":\"" + Base64.getEncoder().encodeToString(response) + "\"}";
    }

    /** A TimeStampResp from the authority at {@code url} over {@code message}'s SHA-256. */
    public static byte[] timestamp(String url, byte[] message) throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256,
                MessageDigest.getInstance("SHA-256").digest(message), new BigInteger(64, new SecureRandom()));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the timestamp authority answered HTTP " + response.statusCode());
        }
        new TimeStampResponse(response.body()).validate(request);
        return response.body();
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
