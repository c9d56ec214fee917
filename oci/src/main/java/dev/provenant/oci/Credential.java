package dev.provenant.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a registry login gave: a user name and password, or an identity (refresh) token for the
 * registry's token service. {@link #toString()} never shows the secret.
 */
public final class Credential {
    private final String username;
    private final String secret;
    private final boolean identityToken;

    private Credential(String username, String secret, boolean identityToken) {
        this.username = username;
        this.secret = secret;
        this.identityToken = identityToken;
    }

    public static Credential basic(String username, String password) {
        if (username == null || password == null) {
            throw new IllegalArgumentException("a credential needs a user name and a password");
        }
        return new Credential(username, password, false);
    }

    public static Credential identityToken(String token) {
        return new Credential("<token>", token, true);
    }

    public String username() {
        return username;
    }

    public boolean isIdentityToken() {
        return identityToken;
    }

    String secret() {
        return secret;
    }

    /** The {@code Authorization} header value of HTTP basic authentication. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return identityToken ? "identity token" : "user " + username;
    }
}
