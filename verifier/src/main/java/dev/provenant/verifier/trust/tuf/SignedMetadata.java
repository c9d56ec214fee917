package dev.provenant.verifier.trust.tuf;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.provenant.attest.json.CanonicalJson;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.Rfc3339Time;
import dev.provenant.attest.sslib.SslibScheme;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One TUF metadata file ({@code {"signatures": [...], "signed": {...}}}) as read, before any signature
 * is checked: the role's type, version and expiry, the canonical JSON bytes of {@code signed} that the
 * signatures cover, and the signatures by key id. Duplicate JSON keys and a key id that signs twice
 * are refused, so no reading of the file can differ from the one that was checked.
 */
final class SignedMetadata {
    private static final ObjectReader STRICT = JsonCodec.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    final String name;
    final String type;
    final JsonNode signed;
    final byte[] canonical;
    final Map<String, byte[]> signatures;
    final int version;
    final Instant expires;
    final byte[] raw;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    private SignedMetadata(String name, String type, JsonNode signed, byte[] canonical, Map<String, byte[]> signatures,
            int version, Instant expires, byte[] raw) {
        this.name = name;
        this.type = type;
        this.signed = signed;
        this.canonical = canonical;
        this.signatures = signatures;
        this.version = version;
        this.expires = expires;
        this.raw = raw;
    }

    /** @param type the {@code _type} the file must have: root, timestamp, snapshot or targets */
    static SignedMetadata parse(byte[] raw, String type, String name) throws TufException {
        JsonNode doc;
        try {
            doc = STRICT.readTree(raw);
        } catch (IOException e) {
            throw new TufException(name + " is not JSON TUF metadata: " + firstLine(e.getMessage()));
        }
        if (doc == null || !doc.isObject() || !doc.path("signed").isObject() || !doc.path("signatures").isArray()) {
            throw new TufException(name + " is not TUF metadata (signed and signatures are required)");
        }
        JsonNode signed = doc.get("signed");
        if (!type.equals(signed.path("_type").asText(null))) {
            throw new TufException(name + " is not " + type + " metadata (_type " + signed.path("_type") + ")");
        }
        String spec = signed.path("spec_version").asText("");
        if (!spec.equals("1") && !spec.startsWith("1.")) {
            throw new TufException(name + " has spec_version '" + spec + "'; TUF 1.x is supported");
        }
        int version = positiveInt(signed.get("version"), name + " version");
        Instant expires;
        try {
            expires = Rfc3339Time.parse(signed.path("expires").asText(null));
        } catch (IllegalArgumentException e) {
            throw new TufException(name + " has no valid expires date");
        }
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        for (JsonNode sig : doc.get("signatures")) {
            String keyid = sig.path("keyid").asText("");
            String hex = sig.path("sig").asText("");
            if (!sig.path("keyid").isTextual() || keyid.isEmpty() || !sig.path("sig").isTextual()) {
                throw new TufException(name + " has a signature without keyid or sig");
            }
            byte[] value;
            try {
                value = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new TufException(name + " has a signature that is not hex");
            }
            if (signatures.put(keyid, value) != null) {
                throw new TufException(name + " carries two signatures by key " + keyid);
            }
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(signed);
        } catch (IllegalArgumentException e) {
            throw new TufException(name + " has no canonical JSON form: " + e.getMessage());
        }
        return new SignedMetadata(name, type, signed, canonical, Map.copyOf(signatures), version, expires, raw.clone());
    }

    /**
     * Whether the signature under {@code keyid} verifies with {@code key}; remembered, since a new root
     * is checked against the previous root's keys and its own, which are mostly the same keys.
     */
    boolean verifiedBy(String keyid, SslibScheme scheme, PublicKey key) {
        byte[] sig = signatures.get(keyid);
        if (sig == null) {
            return false;
        }
        String memo = keyid + ' ' + scheme.schemeName() + ' ' + Base64.getEncoder().encodeToString(key.getEncoded());
        return verified.computeIfAbsent(memo, k -> scheme.verify(key, canonical, sig));
    }

    boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }

    static int positiveInt(JsonNode node, String what) throws TufException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new TufException(what + " must be an integer from 1 to " + Integer.MAX_VALUE);
        }
        return node.intValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
