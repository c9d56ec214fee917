package dev.provenant.localsigstore;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Whom the test issuer vouches for: an email address (the certificate gets an rfc822Name SAN, as Fulcio
 * gives email issuers) or a URI (a URI SAN, as for CI workload identities).
 */
public record Identity(String value, boolean email) {

    public Identity {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an identity is an email address or a URI");
        }
    }

    /** @throws IllegalArgumentException when {@code value} is neither an email address nor an absolute URI */
    public static Identity parse(String value) {
        if (value.contains("://")) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || uri.getHost() == null && uri.getAuthority() == null) {
                    throw new IllegalArgumentException("identity '" + value + "' is not an absolute URI");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("identity '" + value + "' is not a URI: " + e.getReason());
            }
            return new Identity(value, false);
        }
        int at = value.indexOf('@');
        if (at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1 && value.chars().noneMatch(Character::isWhitespace)) {
            return new Identity(value, true);
        }
        throw new IllegalArgumentException("identity '" + value + "' is neither an email address nor a URI");
    }
}
