package dev.provenant.localsigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * A test OpenID Connect issuer: it mints ES256 ID tokens for the configured identity with audience
 * {@code sigstore}, publishes its discovery document and key set, and checks tokens for the Fulcio CA.
 * It authenticates nobody; it is for a loopback stack only.
 */
final class OidcIssuer {
    static final String AUDIENCE = "sigstore";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final String issuer;
    private final KeyPair keys;
    private final String keyId;
    private final Clock clock;

    OidcIssuer(String issuer, KeyPair keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
        try {
            this.keyId = B64URL.encodeToString(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()), 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    String issuer() {
        return issuer;
    }

    /** A signed ID token naming {@code identity}: sub is the identity; email identities also get email and email_verified. */
    String mint(Identity identity, Duration lifetime) throws GeneralSecurityException {
        Instant now = clock.instant();
        ObjectNode header = JsonCodec.mapper().createObjectNode().put("alg", "ES256").put("typ", "JWT").put("kid", keyId);
        ObjectNode claims = JsonCodec.mapper().createObjectNode()
                .put("iss", issuer)
                .put("sub", identity.value())
                .put("aud", AUDIENCE)
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("exp", now.plus(lifetime).getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        if (identity.email()) {
            claims.put("email", identity.value()).put("email_verified", true);
        }
        String signingInput = B64URL.encodeToString(JsonCodec.write(header)) + "." + B64URL.encodeToString(JsonCodec.write(claims));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(signature.sign());
    }

    /**
     * The identity a token vouches for, after checking its signature, issuer, audience and lifetime.
     *
     * @throws InvalidTokenException saying which check failed (the token itself is never repeated)
     */
    Identity verify(String token) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("the identity token is not a compact JWS");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signatureBytes;
        try {
            header = JsonCodec.readTree(B64URL_DECODER.decode(parts[0]), "token header");
            claims = JsonCodec.readTree(B64URL_DECODER.decode(parts[1]), "token claims");
            signatureBytes = B64URL_DECODER.decode(parts[2]);
        } catch (RuntimeException | dev.provenant.attest.FormatException e) {
            throw new InvalidTokenException("the identity token is not readable JSON in base64url");
        }
        if (!"ES256".equals(header.path("alg").asText())) {
            throw new InvalidTokenException("the identity token is not signed with ES256");
        }
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(signatureBytes)) {
                throw new InvalidTokenException("the identity token's signature is not by this issuer");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidTokenException("the identity token's signature is not by this issuer");
        }
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new InvalidTokenException("the identity token's issuer is not " + issuer);
        }
        JsonNode aud = claims.path("aud");
        boolean audience = aud.isArray() ? containsText(aud, AUDIENCE) : AUDIENCE.equals(aud.asText());
        if (!audience) {
            throw new InvalidTokenException("the identity token's audience is not " + AUDIENCE);
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) {
            throw new InvalidTokenException("the identity token has expired");
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() > now + 60) {
            throw new InvalidTokenException("the identity token is not valid yet");
        }
        String subject = claims.path("sub").asText("");
        if (subject.isEmpty()) {
            throw new InvalidTokenException("the identity token has no subject");
        }
        if (claims.has("email")) {
            if (!claims.path("email_verified").asBoolean(false)) {
                throw new InvalidTokenException("the identity token's email is not verified");
            }
            return new Identity(claims.path("email").asText(), true);
        }
        try {
            return Identity.parse(subject);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the identity token's subject is neither an email address nor a URI");
        }
    }

    /** The token's subject claim, the text sigstore clients sign to prove they hold the key. */
    static String subject(String token) {
        try {
            return JsonCodec.readTree(B64URL_DECODER.decode(token.split("\\.", -1)[1]), "token claims").path("sub").asText("");
        } catch (RuntimeException | dev.provenant.attest.FormatException e) {
            return "";
        }
    }

    String discovery(String baseUrl) {
        ObjectNode doc = JsonCodec.mapper().createObjectNode()
                .put("issuer", issuer)
                .put("jwks_uri", baseUrl + LocalSigstore.OIDC_PATH + "/jwks")
                .put("token_endpoint", baseUrl + LocalSigstore.OIDC_PATH + "/token")
                .put("authorization_endpoint", baseUrl + LocalSigstore.OIDC_PATH + "/authorize");
        doc.putArray("response_types_supported").add("id_token");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("id_token_signing_alg_values_supported").add("ES256");
        doc.putArray("grant_types_supported").add("client_credentials");
        return JsonCodec.writeString(doc);
    }

    String jwks() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        ObjectNode jwk = JsonCodec.mapper().createObjectNode()
                .put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", "ES256").put("kid", keyId)
                .put("x", B64URL.encodeToString(unsigned(key.getW().getAffineX())))
                .put("y", B64URL.encodeToString(unsigned(key.getW().getAffineY())));
        ObjectNode set = JsonCodec.mapper().createObjectNode();
        set.putArray("keys").add(jwk);
        return JsonCodec.writeString(set);
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode n : array) {
            if (text.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
