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
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Rekor's v1 REST API over the shared log: {@code POST /api/v1/log/entries} for {@code hashedrekord 0.0.1},
 * {@code dsse 0.0.1} and {@code intoto 0.0.2} proposals, answering with the entry, its signed entry
 * timestamp (SET) and an inclusion proof ending in a signed checkpoint; {@code GET /api/v1/log} for the
 * signed tree head.
 */
final class RekorV1Api {
    static final String ENTRIES_PATH = "/api/v1/log/entries";
    static final String LOG_PATH = "/api/v1/log";
    static final String PROOF_PATH = "/api/v1/log/proof";
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
            ProposalLimits.only(proposed, "the proposed entry", Set.of("apiVersion", "kind", "spec"));
            String kind = proposed.path("kind").asText();
            String version = proposed.path("apiVersion").asText();
            if (kind.equals("hashedrekord") && version.equals("0.0.1")) {
                body = hashedRekord(proposed);
            } else if (kind.equals("dsse") && version.equals("0.0.1")) {
                body = dsse(proposed.path("spec"));
            } else if (kind.equals("intoto") && version.equals("0.0.2")) {
                ProposalLimits.only(proposed.path("spec"), "spec", Set.of("content"));
                ProposalLimits.only(proposed.path("spec").path("content"), "spec.content", Set.of("envelope"));
                body = intoto(proposed.path("spec").path("content").path("envelope"));
            } else {
                throw new BadRequestException("entry kind " + kind + " " + version
                        + " is not supported here; use hashedrekord 0.0.1, dsse 0.0.1 or intoto 0.0.2");
            }
        } catch (FormatException e) {
            return ApiResponse.error(400, "the request is not JSON: " + e.getMessage());
        } catch (BadRequestException e) {
            return ApiResponse.error(400, e.getMessage());
        }
        try {
            ProposalLimits.requireEntrySize(body);
        } catch (ProposalLimits.EntryTooLargeException e) {
            return ApiResponse.error(413, e.getMessage());
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

    /** {@code GET /api/v1/log/proof?firstSize=M&lastSize=N}: the RFC 6962 consistency proof between two tree sizes. */
    ApiResponse consistency(String query) {
        long first;
        long last;
        try {
            java.util.Map<String, String> parameters = new java.util.HashMap<>();
            for (String pair : (query == null ? "" : query).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            first = Long.parseLong(parameters.getOrDefault("firstSize", "1"));
            last = parameters.containsKey("lastSize") ? Long.parseLong(parameters.get("lastSize")) : log.size();
        } catch (NumberFormatException e) {
            return ApiResponse.error(400, "firstSize and lastSize must be numbers");
        }
        if (first < 1 || first > last || last > log.size()) {
            return ApiResponse.error(400, "need 1 <= firstSize <= lastSize <= " + log.size());
        }
        var proof = log.consistency(first, last);
        ObjectNode out = JsonCodec.mapper().createObjectNode().put("rootHash", HEX.formatHex(log.rootAt(last)));
        var hashes = out.putArray("hashes");
        proof.hashes().forEach(h -> hashes.add(HEX.formatHex(h)));
        return ApiResponse.json(200, JsonCodec.writeString(out));
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
        ProposalLimits.only(spec, "spec", Set.of("data", "signature"));
        ProposalLimits.only(spec.path("data"), "spec.data", Set.of("hash"));
        ProposalLimits.only(spec.path("data").path("hash"), "spec.data.hash", Set.of("algorithm", "value"));
        ProposalLimits.only(spec.path("signature"), "spec.signature", Set.of("content", "publicKey"));
        ProposalLimits.only(spec.path("signature").path("publicKey"), "spec.signature.publicKey", Set.of("content"));
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
        ProposalLimits.only(spec, "spec", Set.of("proposedContent"));
        ProposalLimits.only(spec.path("proposedContent"), "spec.proposedContent", Set.of("envelope", "verifiers"));
        String envelopeText = spec.path("proposedContent").path("envelope").asText("");
        JsonNode verifiers = spec.path("proposedContent").path("verifiers");
        if (envelopeText.isEmpty() || !verifiers.isArray() || verifiers.isEmpty()) {
            throw new BadRequestException("a dsse proposal needs proposedContent.envelope and proposedContent.verifiers");
        }
        ProposalLimits.count(verifiers.size(), ProposalLimits.MAX_VERIFIERS, "verifiers");
        JsonNode envelope;
        try {
            envelope = JsonCodec.readTree(envelopeText.getBytes(StandardCharsets.UTF_8), "DSSE envelope");
        } catch (FormatException e) {
            throw new BadRequestException("proposedContent.envelope is not JSON");
        }
        ProposalLimits.only(envelope, "proposedContent.envelope", Set.of("payload", "payloadType", "signatures"));
        if (!envelope.path("signatures").isArray()) {
            throw new BadRequestException("proposedContent.envelope.signatures must be an array");
        }
        ProposalLimits.count(envelope.path("signatures").size(), ProposalLimits.MAX_SIGNATURES, "signatures");
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
            ProposalLimits.only(s, "proposedContent.envelope.signatures[]", Set.of("sig", "keyid"));
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

    /*
     * intoto 0.0.2 proposals carry the envelope with its byte fields base64-encoded once more (payload and
     * each sig are base64 of the envelope's base64 text) and each signature's PEM key in base64. The logged
     * body keeps the signatures and keys, drops the payload for its hash, and adds a hash of the envelope
     * in its ordinary DSSE JSON form.
     */
    private static byte[] intoto(JsonNode envelope) throws BadRequestException, IOException {
        ProposalLimits.only(envelope, "spec.content.envelope", Set.of("payload", "payloadType", "signatures"));
        ProposalLimits.count(envelope.path("signatures").size(), ProposalLimits.MAX_SIGNATURES, "signatures");
        String payloadType = envelope.path("payloadType").asText("");
        byte[] payload = twice(envelope.path("payload").asText(), "content.envelope.payload");
        if (payloadType.isEmpty() || !envelope.path("signatures").isArray() || envelope.path("signatures").isEmpty()) {
            throw new BadRequestException("an intoto proposal needs content.envelope with payloadType, payload and signatures");
        }
        byte[] pae = Pae.encode(payloadType, payload);
        ObjectNode plain = JsonCodec.mapper().createObjectNode()
                .put("payload", B64.encodeToString(payload)).put("payloadType", payloadType);
        var plainSignatures = plain.putArray("signatures");
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("apiVersion", "0.0.2").put("kind", "intoto");
        ObjectNode content = body.putObject("spec").putObject("content");
        ObjectNode logged = content.putObject("envelope").put("payloadType", payloadType);
        var signatures = logged.putArray("signatures");
        for (JsonNode s : envelope.path("signatures")) {
            ProposalLimits.only(s, "spec.content.envelope.signatures[]", Set.of("sig", "publicKey", "keyid"));
            byte[] signature = twice(s.path("sig").asText(), "content.envelope.signatures.sig");
            String pem = new String(base64(s.path("publicKey").asText(), "content.envelope.signatures.publicKey"), StandardCharsets.UTF_8);
            EntrySignatures.requireMessageSignature(EntrySignatures.fromPem(pem), pae, signature);
            signatures.addObject().put("publicKey", s.path("publicKey").asText()).put("sig", s.path("sig").asText());
            plainSignatures.addObject().put("sig", B64.encodeToString(signature));
        }
        content.putObject("hash").put("algorithm", "sha256")
                .put("value", HEX.formatHex(sha256(new JsonCanonicalizer(JsonCodec.writeString(plain)).getEncodedUTF8())));
        content.putObject("payloadHash").put("algorithm", "sha256").put("value", HEX.formatHex(sha256(payload)));
        return new JsonCanonicalizer(JsonCodec.writeString(body)).getEncodedUTF8();
    }

    private static byte[] twice(String text, String field) throws BadRequestException {
        return base64(new String(base64(text, field), StandardCharsets.US_ASCII).strip(), field + " (inner base64)");
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
}
