package dev.provenant.signer.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.Checkpoint;
import dev.provenant.attest.bundle.InclusionPromise;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.KindVersion;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.Rfc3161Timestamp;
import dev.provenant.attest.bundle.TimestampVerificationData;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Logs a key-signed bundle in the Rekor v1 logs a signing config selects, as cosign does for keys: a
 * message signature as a {@code hashedrekord 0.0.1} entry (the SHA-256 digest, the signature and the PEM
 * public key), a DSSE envelope as a {@code dsse 0.0.1} entry (the envelope and the PEM public key). Each
 * answer (log index, log id, integrated time, body, signed entry timestamp, inclusion proof with its
 * checkpoint) becomes one of the bundle's {@code verificationMaterial.tlogEntries}, laid out as the bundle
 * v0.3 specification says. The answer is not trusted here: the verifier checks it against a trusted root.
 *
 * <p>When the config's newest usable logs are Rekor v2 ({@code POST /api/v2/log/entries}, a
 * {@code hashedrekord}/{@code dsse} 0.0.2 entry with the public key as verifier), the signature is first
 * timestamped by the config's timestamp authority (RFC 3161), since a v2 log signs no time; the answer
 * is the bundle's entry as it is. A config that names no usable log (or, for v2, no timestamp
 * authority) is refused before any signing, so no key is used for a bundle that cannot be logged.
 */
public final class RekorUpload {
    static final String ENTRIES_PATH = "/api/v1/log/entries";
    /** A Rekor v1 answer for one entry is a few kilobytes; more is not an answer. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final HexFormat HEX = HexFormat.of();

    static final String V2_ENTRIES_PATH = "/api/v2/log/entries";

    private final List<URI> logs;
    private final int version;
    private final List<URI> timestampAuthorities;
    private final HttpClient http;

    private RekorUpload(List<URI> logs, int version, List<URI> timestampAuthorities) {
        this.logs = List.copyOf(logs);
        this.version = version;
        this.timestampAuthorities = List.copyOf(timestampAuthorities);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The logs {@code signingConfig} selects now.
     *
     * @param source where the config came from, for messages
     * @throws TlogConfigException when it cannot be read, selects no Rekor v1 or v2 log, or selects a v2 log and no
     *     timestamp authority
     */
    public static RekorUpload fromSigningConfig(byte[] signingConfig, String source, Instant now) throws TlogConfigException {
        com.fasterxml.jackson.databind.JsonNode root = RekorLogs.read(signingConfig, source);
        List<RekorLogs.Log> selected = RekorLogs.select(root, "rekorTlogUrls", "rekorTlogConfig", "Rekor log", source, now,
                java.util.Set.of(1, 2));
        List<URI> urls = selected.stream().map(RekorLogs.Log::url).toList();
        int version = selected.get(0).majorApiVersion();
        if (version == 1) {
            return new RekorUpload(urls, 1, List.of());
        }
        // a Rekor v2 log signs no time: an RFC 3161 timestamp dates the signature instead
        List<URI> authorities;
        try {
            authorities = RekorLogs.select(root, "tsaUrls", "tsaConfig", "timestamp authority", source, now, java.util.Set.of(1))
                    .stream().map(RekorLogs.Log::url).toList();
        } catch (TlogConfigException e) {
            throw new TlogConfigException(e.getMessage() + "; its Rekor v2 log at " + urls.get(0)
                    + " needs one to date the signature");
        }
        return new RekorUpload(urls, 2, authorities);
    }

    /** The base URLs of the logs each bundle is uploaded to, in order. */
    public List<URI> logs() {
        return logs;
    }

    /** The Rekor API major version of the logs: 1, or 2 (with a timestamp from each of {@link #timestampAuthorities()}). */
    public int version() {
        return version;
    }

    /** For Rekor v2: the timestamp authorities whose RFC 3161 timestamps date the signature. */
    public List<URI> timestampAuthorities() {
        return timestampAuthorities;
    }

    /** Refuses, before anything is signed, what cannot be logged: Ed25519 message signatures have no digest to log. */
    public void requireLoggable(boolean messageSignature, boolean prehashed) throws TlogConfigException {
        if (messageSignature && !prehashed) {
            throw new TlogConfigException("--tlog-upload logs an artifact signature as a hashedrekord entry over its digest,"
                    + " and an Ed25519 key signs the whole artifact: use an ECDSA or RSA key, or attest a statement");
        }
    }

    /**
     * The bundle with one log entry from each selected log (for Rekor v2, and first, an RFC 3161 timestamp
     * of the signature from each timestamp authority); the bundle given is not changed.
     *
     * @param algorithm the key's algorithm, which a Rekor v2 verifier names
     */
    public Bundle upload(Bundle bundle, PublicKey key, SignatureAlgorithm algorithm) throws TlogUploadException {
        if (version == 2) {
            return uploadV2(bundle, key, algorithm);
        }
        ObjectNode proposal = proposal(bundle, key);
        List<TransparencyLogEntry> entries = new ArrayList<>(bundle.verificationMaterial().tlogEntries());
        for (URI log : logs) {
            entries.add(logV1(http, log, proposal));
        }
        return bundle.withTlogEntries(entries);
    }

    private Bundle uploadV2(Bundle bundle, PublicKey key, SignatureAlgorithm algorithm) throws TlogUploadException {
        byte[] signature = bundle.dsseEnvelope() != null ? bundle.dsseEnvelope().signatures().get(0).signatureBytes()
                : bundle.messageSignature().signatureBytes();
        VerificationMaterial m = bundle.verificationMaterial();
        List<Rfc3161Timestamp> stamps = new ArrayList<>(m.rfc3161Timestamps());
        for (URI authority : timestampAuthorities) {
            stamps.add(new Rfc3161Timestamp(B64.encodeToString(TimestampClient.timestamp(http, authority, signature, REQUEST_TIMEOUT))));
        }
        ObjectNode request = requestV2(bundle, key, algorithm);
        String kind = bundle.dsseEnvelope() != null ? "dsse" : "hashedrekord";
        List<TransparencyLogEntry> entries = new ArrayList<>(m.tlogEntries());
        for (URI log : logs) {
            byte[] answer = send(http, log, V2_ENTRIES_PATH, request, kind);
            try {
                entries.add(entryV2(answer, kind));
            } catch (FormatException | IllegalArgumentException e) {
                throw new TlogUploadException("Rekor at " + log + " answered with an entry that cannot be read: " + e.getMessage(), e);
            }
        }
        return new Bundle(bundle.mediaType(), new VerificationMaterial(m.publicKey(), m.x509CertificateChain(), m.certificate(),
                entries, new TimestampVerificationData(stamps)), bundle.messageSignature(), bundle.dsseEnvelope());
    }

    /** A Rekor v2 {@code CreateEntryRequest} in protobuf JSON: the signature or envelope with the key as its verifier. */
    static ObjectNode requestV2(Bundle bundle, PublicKey key, SignatureAlgorithm algorithm) {
        ObjectNode verifier = JsonCodec.mapper().createObjectNode();
        verifier.putObject("publicKey").put("rawBytes", B64.encodeToString(key.getEncoded()));
        verifier.put("keyDetails", algorithm.sigstoreName());
        ObjectNode request = JsonCodec.mapper().createObjectNode();
        if (bundle.dsseEnvelope() != null) {
            ObjectNode dsse = request.putObject("dsseRequestV002");
            ObjectNode envelope = dsse.putObject("envelope").put("payload", bundle.dsseEnvelope().payload())
                    .put("payloadType", bundle.dsseEnvelope().payloadType());
            var signatures = envelope.putArray("signatures");
            bundle.dsseEnvelope().signatures().forEach(sig -> signatures.addObject().put("sig", sig.sig()));
            dsse.putArray("verifiers").add(verifier);
            return request;
        }
        ObjectNode hashed = request.putObject("hashedRekordRequestV002");
        hashed.put("digest", bundle.messageSignature().messageDigest().digest());
        hashed.putObject("signature").put("content", bundle.messageSignature().signature()).set("verifier", verifier);
        return request;
    }

    /** Rekor v2's answer is the bundle's {@code TransparencyLogEntry} itself, in protobuf JSON. */
    static TransparencyLogEntry entryV2(byte[] answer, String kind) throws FormatException {
        TransparencyLogEntry entry = JsonCodec.read(answer, TransparencyLogEntry.class, "Rekor v2 entry");
        if (!kind.equals(entry.kindVersion().kind()) || !"0.0.2".equals(entry.kindVersion().version())) {
            throw new IllegalArgumentException("it is a " + entry.kindVersion().kind() + " " + entry.kindVersion().version()
                    + " entry, not the " + kind + " 0.0.2 entry requested");
        }
        if (entry.inclusionProof() == null || entry.inclusionProof().checkpoint() == null) {
            throw new IllegalArgumentException("it has no inclusion proof with a checkpoint");
        }
        return entry;
    }

    /**
     * A Rekor v1 {@code dsse 0.0.1} proposal: the envelope and the PEM of the public key or certificate that
     * verifies it (keyless attestations log the Fulcio certificate).
     */
    public static ObjectNode dsseProposal(Envelope envelope, String verifierPem) {
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode content = proposal.putObject("spec").putObject("proposedContent");
        content.put("envelope", new String(envelope.toJson(), StandardCharsets.UTF_8));
        content.putArray("verifiers").add(B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII)));
        return proposal;
    }

    /**
     * Logs {@code proposal} in the Rekor v1 log at {@code log} (its base URL): the bundle entry its answer
     * describes, which the caller still checks against a trusted root.
     */
    public static TransparencyLogEntry logV1(HttpClient http, URI log, ObjectNode proposal) throws TlogUploadException {
        String kind = proposal.path("kind").asText();
        String version = proposal.path("apiVersion").asText();
        byte[] body = send(http, log, ENTRIES_PATH, proposal, kind);
        try {
            return entry(body, kind, version);
        } catch (FormatException | IllegalArgumentException e) {
            throw new TlogUploadException("Rekor at " + log + " answered with an entry that cannot be read: " + e.getMessage(), e);
        }
    }

    static ObjectNode proposal(Bundle bundle, PublicKey key) {
        if (bundle.dsseEnvelope() != null) {
            return dsseProposal(bundle.dsseEnvelope(), PemPublicKeys.toPem(key));
        }
        String pem = B64.encodeToString(PemPublicKeys.toPem(key).getBytes(StandardCharsets.US_ASCII));
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1");
        MessageSignature signature = bundle.messageSignature();
        Digest digest = signature.messageDigest().toDigest();
        String text = digest.toString();
        int colon = text.indexOf(':');
        proposal.put("kind", "hashedrekord");
        ObjectNode spec = proposal.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", text.substring(0, colon)).put("value", text.substring(colon + 1));
        ObjectNode sig = spec.putObject("signature").put("content", signature.signature());
        sig.putObject("publicKey").put("content", pem);
        return proposal;
    }

    /** POSTs the proposal; the answer's body when it is 201 Created. */
    private static byte[] send(HttpClient http, URI log, String path, ObjectNode proposal, String kind) throws TlogUploadException {
        URI entries = URI.create(log + path);
        HttpRequest request = HttpRequest.newBuilder(entries).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(proposal))).build();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = readBounded(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlogUploadException("interrupted while logging the " + kind + " entry in Rekor at " + log, e);
        } catch (IOException e) {
            throw new TlogUploadException("cannot log the " + kind + " entry in Rekor at " + log + ": " + describe(e), e);
        }
        if (response.statusCode() != 201) {
            throw new TlogUploadException("Rekor at " + log + " refused the " + kind + " entry: HTTP " + response.statusCode()
                    + message(body), null);
        }
        return body;
    }

    /** Rekor v1's answer {@code {UUID: {body, integratedTime, logID, logIndex, verification}}} as a bundle entry. */
    static TransparencyLogEntry entry(byte[] answer, String kind) throws FormatException {
        return entry(answer, kind, "0.0.1");
    }

    /** As {@link #entry(byte[], String)}, for a proposal of entry kind {@code kind} at API version {@code version}. */
    static TransparencyLogEntry entry(byte[] answer, String kind, String version) throws FormatException {
        JsonNode root = JsonCodec.readTree(answer, "Rekor entry");
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        if (!root.isObject() || root.size() != 1) {
            throw new IllegalArgumentException("expected one entry, got " + root.size());
        }
        JsonNode e = fields.next().getValue();
        String bodyBase64 = text(e, "body");
        JsonNode body = JsonCodec.readTree(Base64.getDecoder().decode(bodyBase64), "Rekor entry body");
        if (!kind.equals(body.path("kind").asText()) || !version.equals(body.path("apiVersion").asText())) {
            throw new IllegalArgumentException("its body is " + body.path("kind").asText() + " " + body.path("apiVersion").asText()
                    + ", not the " + kind + " " + version + " entry proposed");
        }
        JsonNode verification = e.path("verification");
        JsonNode p = verification.path("inclusionProof");
        if (!p.isObject() || !p.path("checkpoint").isTextual()) {
            throw new IllegalArgumentException("it has no inclusion proof with a checkpoint (bundle v0.3 needs one)");
        }
        List<String> hashes = new ArrayList<>();
        for (JsonNode h : p.path("hashes")) {
            hashes.add(hexToBase64(h.asText(), "inclusionProof.hashes"));
        }
        InclusionProof proof = new InclusionProof(number(p, "logIndex"), hexToBase64(text(p, "rootHash"), "inclusionProof.rootHash"),
                number(p, "treeSize"), hashes, new Checkpoint(text(p, "checkpoint")));
        InclusionPromise promise = new InclusionPromise(text(verification, "signedEntryTimestamp"));
        return new TransparencyLogEntry(number(e, "logIndex"), new LogId(hexToBase64(text(e, "logID"), "logID")),
                new KindVersion(kind, version), number(e, "integratedTime"), promise, proof, bodyBase64);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(field + " is not an integer");
        }
        return v.asLong();
    }

    private static String hexToBase64(String hex, String field) {
        try {
            return B64.encodeToString(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hexadecimal");
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer is larger than " + (MAX_RESPONSE_BYTES >> 10) + " KiB");
            }
            return bytes;
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m.lines().findFirst().orElse("") + ")");
    }

    /** Rekor's error answers are {"code":..,"message":".."}; the message, shortened, says why. */
    private static String message(byte[] body) {
        try {
            String m = JsonCodec.readTree(body, "Rekor error").path("message").asText("");
            m = m.replaceAll("[\\p{Cntrl}]", " ");
            return m.isEmpty() ? "" : " (" + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + ")";
        } catch (FormatException | RuntimeException e) {
            return "";
        }
    }
}
