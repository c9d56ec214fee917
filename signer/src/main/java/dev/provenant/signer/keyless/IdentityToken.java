package dev.provenant.signer.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.util.Base64;

/**
 * An OIDC identity token and where it came from. The token is a bearer secret: {@link #toString()}
 * never shows it, and messages name only its issuer and subject, which are not secret.
 */
public final class IdentityToken {
    /** A compact JWS of a few kilobytes; anything far larger is not an identity token. */
    private static final int MAX_LENGTH = 64 * 1024;

    private final String value;
    private final String source;
    private final String issuer;
    private final String subject;

    private IdentityToken(String value, String source, String issuer, String subject) {
        this.value = value;
        this.source = source;
        this.issuer = issuer;
        this.subject = subject;
    }

    /**
     * Reads the claims Fulcio needs from a compact JWS ({@code header.payload.signature}). The signature
     * is not checked here: Fulcio checks it against the issuer's keys.
     *
     * @param token the token text; surrounding whitespace is dropped
     * @param source a description of where it came from, for messages
     * @throws IdentityTokenException when the text is not a JWT with {@code iss} and {@code sub} claims
     */
    public static IdentityToken parse(String token, String source) throws IdentityTokenException {
        String value = token == null ? "" : token.strip();
        if (value.isEmpty()) {
            throw new IdentityTokenException(source + " gave an empty token");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IdentityTokenException(source + " gave " + value.length() + " characters, too many for an identity token");
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IdentityTokenException(source + " gave something that is not a JWT (header.payload.signature)");
        }
        JsonNode claims;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            claims = JsonCodec.readTree(payload, "identity token claims");
        } catch (IllegalArgumentException | FormatException e) {
            throw new IdentityTokenException(source + " gave a JWT whose payload is not base64url JSON");
        }
        String issuer = text(claims, "iss");
        String subject = text(claims, "sub");
        if (issuer == null || subject == null) {
            throw new IdentityTokenException(source + " gave a JWT without " + (issuer == null ? "an iss" : "a sub") + " claim");
        }
        String email = text(claims, "email");
        return new IdentityToken(value, source, issuer, email != null ? email : subject);
    }

    private static String text(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** The token itself, to hand to Fulcio and nowhere else. */
    public String value() {
        return value;
    }

    /** Where the token came from, for example "GitHub Actions". */
    public String source() {
        return source;
    }

    /** The {@code iss} claim. */
    public String issuer() {
        return issuer;
    }

    /** The {@code email} claim when present, else {@code sub}: who the certificate will name. */
    public String subject() {
        return subject;
    }

    /** The token's identity without the token, for messages and logs. */
    @Override
    public String toString() {
        return "identity token from " + source + " (issuer " + issuer + ", subject " + subject + ")";
    }
}
