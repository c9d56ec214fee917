package dev.provenant.attest.sslib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.json.CanonicalJson;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A public key as securesystemslib holds it: {@code keytype}, {@code scheme} and {@code keyval.public},
 * which is lowercase hex of the raw key for Ed25519 and PEM text for RSA and ECDSA. The keyid is
 * derived from exactly these strings, so the PEM text is kept as securesystemslib would hold it
 * rather than re-encoded.
 */
public record SslibPublicKey(String keytype, String scheme, String publicValue) {
    /** What securesystemslib writes as keyid_hash_algorithms, and includes when it hashes a keyid. */
    public static final List<String> KEYID_HASH_ALGORITHMS = List.of("sha256", "sha512");

    /** DER SubjectPublicKeyInfo of an Ed25519 key up to its 32 raw bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    public SslibPublicKey {
        SslibScheme s = SslibScheme.fromName(scheme)
                .orElseThrow(() -> new IllegalArgumentException("unsupported securesystemslib scheme '" + scheme + "'"));
        if (!s.acceptsKeytype(keytype)) {
            throw new IllegalArgumentException("keytype '" + keytype + "' does not go with scheme '" + scheme + "'");
        }
        if (publicValue == null || publicValue.isEmpty()) {
            throw new IllegalArgumentException("keyval.public is missing");
        }
    }

    public SslibScheme schemeValue() {
        return SslibScheme.fromName(scheme).orElseThrow();
    }

    /**
     * A JDK public key in securesystemslib's form, as securesystemslib would import the same key: RSA
     * with {@code rsaScheme} and its PEM without a trailing newline (import_rsakey_*), ECDSA with the
     * curve's scheme and PEM with one (generate_ecdsa_key), Ed25519 as hex.
     */
    public static SslibPublicKey of(PublicKey key, SslibScheme rsaScheme) {
        if (key instanceof RSAKey) {
            String pem = PemPublicKeys.toPem(key);
            return new SslibPublicKey("rsa", rsaScheme.schemeName(), pem.substring(0, pem.length() - 1));
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            SslibScheme scheme = switch (bits) {
                case 256 -> SslibScheme.ECDSA_SHA2_NISTP256;
                case 384 -> SslibScheme.ECDSA_SHA2_NISTP384;
                default -> throw new IllegalArgumentException("securesystemslib signs with P-256 and P-384 keys only");
            };
            return new SslibPublicKey("ecdsa", scheme.schemeName(), PemPublicKeys.toPem(key));
        }
        byte[] der = key.getEncoded();
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            if (der.length == 44 && Arrays.equals(Arrays.copyOf(der, 12), ED25519_SPKI_PREFIX)) {
                return new SslibPublicKey("ed25519", "ed25519", HexFormat.of().formatHex(der, 12, 44));
            }
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm() + " for securesystemslib");
    }

    /**
     * A PEM public key file as securesystemslib imports one: for RSA the text from the header through
     * the footer, as written; EC and Ed25519 keys, which securesystemslib only reads from JSON files,
     * take the form its own generated keys have.
     */
    public static SslibPublicKey fromPem(String text, SslibScheme rsaScheme) throws FormatException {
        PublicKey key = PemPublicKeys.parse(text);
        if (key instanceof RSAKey) {
            int begin = text.indexOf(PEM_BEGIN);
            int end = text.indexOf(PEM_END, begin + PEM_BEGIN.length());
            return new SslibPublicKey("rsa", rsaScheme.schemeName(),
                    text.substring(begin, end + PEM_END.length()).replace("\r\n", "\n"));
        }
        try {
            return of(key, rsaScheme);
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    /**
     * A public key file's text: securesystemslib JSON (a {@code .pub} file, or a private key file,
     * whose public part is read) or PEM.
     */
    public static SslibPublicKey parse(String text, SslibScheme rsaScheme) throws FormatException {
        if (text.stripLeading().startsWith("{")) {
            return fromJson(JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8), "securesystemslib key"));
        }
        return fromPem(text, rsaScheme);
    }

    /** A securesystemslib JSON public key ({@code keytype}, {@code scheme}, {@code keyval.public}). */
    public static SslibPublicKey fromJson(JsonNode node) throws FormatException {
        JsonNode pub = node.path("keyval").path("public");
        if (!node.path("keytype").isTextual() || !node.path("scheme").isTextual() || !pub.isTextual()) {
            throw new FormatException("not a securesystemslib key: keytype, scheme and keyval.public are required");
        }
        try {
            return new SslibPublicKey(node.get("keytype").textValue(), node.get("scheme").textValue(), pub.textValue());
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    /** The dictionary securesystemslib hashes for the keyid and writes as a {@code .pub} file. */
    public ObjectNode toJson() {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("keytype", keytype);
        node.put("scheme", scheme);
        var algorithms = node.putArray("keyid_hash_algorithms");
        KEYID_HASH_ALGORITHMS.forEach(algorithms::add);
        node.putObject("keyval").put("public", publicValue);
        return node;
    }

    /** SHA-256 of the canonical JSON of {@link #toJson()}, as securesystemslib's {@code _get_keyid}. */
    public String keyid() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(toJson())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK key this describes. */
    public PublicKey toPublicKey() throws FormatException {
        if (keytype.equals("ed25519")) {
            byte[] raw;
            try {
                raw = HexFormat.of().parseHex(publicValue);
            } catch (IllegalArgumentException e) {
                throw new FormatException("ed25519 keyval.public is not hex");
            }
            if (raw.length != 32) {
                throw new FormatException("ed25519 keyval.public must be 32 bytes");
            }
            byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, 44);
            System.arraycopy(raw, 0, der, 12, 32);
            return PemPublicKeys.fromDer(der);
        }
        PublicKey key = PemPublicKeys.parse(publicValue);
        if (schemeValue().isRsa() != key instanceof RSAKey || (!schemeValue().isRsa() && !(key instanceof ECKey))) {
            throw new FormatException("keyval.public does not hold a " + keytype + " key");
        }
        return key;
    }

    public String toJsonText() {
        return new String(JsonCodec.write(toJson()), StandardCharsets.UTF_8);
    }
}
