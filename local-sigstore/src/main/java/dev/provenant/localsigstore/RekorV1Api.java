package dev.provenant.localsigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Rekor's v1 REST API over the shared log: {@code POST /api/v1/log/entries} for {@code hashedrekord 0.0.1}
 * and {@code dsse 0.0.1} proposals, answering with the entry, its signed entry timestamp (SET) and an
 * inclusion proof ending in a signed checkpoint; {@code GET /api/v1/log} for the signed tree head.
 */
final class RekorV1Api {
    static final String ENTRIES_PATH = "/api/v1/log/entries";
    static final String LOG_PATH = "/api/v1/log";
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final RekorLog log;
    private final KeyPair key;
    private final String logIdHex;
    private final Clock clock;

    RekorV1Api(RekorLog log, KeyPair key, Clock clock) {
        this.log = log;
        this.key = key;
        this.clock = clock;
        this.logIdHex = HEX.formatHex(CtLog.sha256(key.getPublic().getEncoded()));
    }

    ApiResponse create(byte[] request) throws IOException, GeneralSecurityException {
        byte[] body;
        try {
            JsonNode proposed = JsonCodec.readTree(request, "Rekor entry");
            String kind = proposed.path("kind").asText();
            String version = proposed.path("apiVersion").asText();
            if (kind.equals("hashedrekord") && version.equals("0.0.1")) {
                body = hashedRekord(proposed);
            } else if (kind.equals("dsse") && version.equals("0.0.1")) {
                body = dsse(proposed.path("spec"));
            } else {
                throw new BadRequestException("entry kind " + kind + " " + version + " is not supported here; use hashedrekord 0.0.1 or dsse 0.0.1");
            }
        } catch (FormatException e) {
            return ApiResponse.error(400, "the request is not JSON: " + e.getMessage());
        } catch (BadRequestException e) {
            return ApiResponse.error(400, e.getMessage());
        }
        long integratedTime = clock.instant().getEpochSecond();
        RekorLog.Appended appended = log.appendV1(body);
        String uuid = HEX.formatHex(dev.provenant.tlog.MerkleHashes.leafHash(body));
        ObjectNode response = JsonCodec.mapper().createObjectNode();
        response.set(uuid, entry(body, integratedTime, appended));
        return new ApiResponse(201, "application/json", ENTRIES_PATH + "/" + uuid, JsonCodec.write(response));
    }

    ApiResponse logInfo() throws GeneralSecurityException {
        RekorLog.Appended head = log.headV1();
        ObjectNode info = JsonCodec.mapper().createObjectNode()
                .put("rootHash", HEX.formatHex(head.rootHash()))
                .put("treeSize", log.size())
                .put("signedTreeHead", head.checkpoint())
                .put("treeID", Long.toString(log.treeId()));
        info.putArray("inactiveShards");
        return ApiResponse.json(200, JsonCodec.writeString(info));
    }

    private ObjectNode entry(byte[] body, long integratedTime, RekorLog.Appended appended) throws IOException, GeneralSecurityException {
        String bodyBase64 = B64.encodeToString(body);
        ObjectNode signable = JsonCodec.mapper().createObjectNode()
                .put("body", bodyBase64)
                .put("integratedTime", integratedTime)
                .put("logID", logIdHex)
                .put("logIndex", appended.index());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(key.getPrivate());
        ecdsa.update(new JsonCanonicalizer(JsonCodec.writeString(signable)).getEncodedUTF8());
        byte[] set = ecdsa.sign();

        ObjectNode proof = JsonCodec.mapper().createObjectNode()
                .put("checkpoint", appended.checkpoint())
                .put("logIndex", appended.index())
                .put("rootHash", HEX.formatHex(appended.rootHash()))
                .put("treeSize", appended.proof().treeSize());
        var hashes = proof.putArray("hashes");
        appended.proof().hashes().forEach(h -> hashes.add(HEX.formatHex(h)));

        ObjectNode entry = signable.deepCopy();
        ObjectNode verification = entry.putObject("verification");
        verification.set("inclusionProof", proof);
        verification.put("signedEntryTimestamp", B64.encodeToString(set));
        return entry;
    }

    // The body is the proposal itself, canonicalized: the client compares it with what it sent.
    private static byte[] hashedRekord(JsonNode proposed) throws BadRequestException, IOException {
        JsonNode spec = proposed.path("spec");
        String algorithm = spec.path("data").path("hash").path("algorithm").asText();
        if (!algorithm.equals("sha256")) {
            throw new BadRequestException("hashedrekord digests must be sha256, not '" + algorithm + "'");
        }
        byte[] digest = hex(spec.path("data").path("hash").path("value").asText(), "data.hash.value");
        if (digest.length != 32) {
            throw new BadRequestException("data.hash.value is not a SHA-256 digest");
        }
        byte[] signature = base64(spec.path("signature").path("content").asText(), "signature.content");
        String pem = new String(base64(spec.path("signature").path("publicKey").path("content").asText(), "signature.publicKey.content"),
                StandardCharsets.UTF_8);
        EntrySignatures.requireDigestSignature(EntrySignatures.fromPem(pem), digest, signature);
        return new JsonCanonicalizer(JsonCodec.writeString(proposed)).getEncodedUTF8();
    }

    // Rekor records a DSSE proposal as hashes of the envelope and payload plus each signature with its verifier.
    private static byte[] dsse(JsonNode spec) throws BadRequestException, IOException {
        String envelopeText = spec.path("proposedContent").path("envelope").asText("");
        JsonNode verifiers = spec.path("proposedContent").path("verifiers");
        if (envelopeText.isEmpty() || !verifiers.isArray() || verifiers.isEmpty()) {
            throw new BadRequestException("a dsse proposal needs proposedContent.envelope and proposedContent.verifiers");
        }
        JsonNode envelope;
        try {
            envelope = JsonCodec.readTree(envelopeText.getBytes(StandardCharsets.UTF_8), "DSSE envelope");
        } catch (FormatException e) {
            throw new BadRequestException("proposedContent.envelope is not JSON");
        }
        byte[] payload = base64(envelope.path("payload").asText(), "envelope.payload");
        String payloadType = envelope.path("payloadType").asText();
        byte[] pae = Pae.encode(payloadType, payload);
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode out = body.putObject("spec");
        out.putObject("envelopeHash").put("algorithm", "sha256")
                .put("value", HEX.formatHex(sha256(envelopeText.getBytes(StandardCharsets.UTF_8))));
        out.putObject("payloadHash").put("algorithm", "sha256").put("value", HEX.formatHex(sha256(payload)));
        var signatures = out.putArray("signatures");
        for (JsonNode s : envelope.path("signatures")) {
            byte[] signature = base64(s.path("sig").asText(), "envelope.signatures.sig");
            String verifierPem = null;
            for (JsonNode v : verifiers) {
                String pem = new String(base64(v.asText(), "proposedContent.verifiers"), StandardCharsets.UTF_8);
                PublicKey key = EntrySignatures.fromPem(pem);
                try {
                    EntrySignatures.requireMessageSignature(key, pae, signature);
                    verifierPem = v.asText();
                    break;
                } catch (BadRequestException e) {
                    // try the next verifier
                }
            }
            if (verifierPem == null) {
                throw new BadRequestException("a DSSE signature verifies with none of the proposal's verifiers");
            }
            signatures.addObject().put("signature", s.path("sig").asText()).put("verifier", verifierPem);
        }
        if (signatures.isEmpty()) {
            throw new BadRequestException("the DSSE envelope has no signatures");
        }
        return new JsonCanonicalizer(JsonCodec.writeString(body)).getEncodedUTF8();
    }

    static byte[] sha256(byte[] data) {
        return CtLog.sha256(data);
    }

    private static byte[] hex(String text, String field) throws BadRequestException {
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field + " is not hexadecimal");
        }
    }

    static byte[] base64(String text, String field) throws BadRequestException {
        try {
            byte[] out = B64_DECODER.decode(text);
            if (out.length == 0) {
                throw new BadRequestException(field + " is empty");
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field + " is not base64");
        }
    }

    static boolean sameDigest(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
