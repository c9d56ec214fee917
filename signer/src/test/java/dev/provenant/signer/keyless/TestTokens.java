package dev.provenant.signer.keyless;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unsigned JWTs with chosen claims; the token sources read claims and leave signatures to Fulcio. */
final class TestTokens {
    private TestTokens() {}

    static String jwt(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
    }

    static String jwt(String issuer, String subject) {
        return jwt("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":\"sigstore\"}");
    }
}
