package dev.provenant.verifier.provenance;

import java.util.Locale;

/**
 * A source repository URI in the one spelling both sides of a comparison are put in. slsa-verifier
 * accepts {@code github.com/ORG/REPO} for {@code https://github.com/ORG/REPO} and drops the
 * {@code git+} scheme prefix of SPDX download locations; this also drops a {@code .git} suffix and a
 * trailing slash (clone URLs) and lower-cases the scheme and host, which RFC 3986 makes
 * case-insensitive. The path stays case-sensitive, as slsa-verifier compares it.
 */
public record SourceUri(String value) {

    public static SourceUri normalize(String uri) {
        String s = uri.strip();
        if (s.startsWith("git+")) {
            s = s.substring(4);
        }
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        int at = s.indexOf('@', s.indexOf("://") + 3);
        int slash = s.indexOf('/', s.indexOf("://") + 3);
        // An '@' after the host is a ref (git+URI@REF); callers strip refs first, so only userinfo is left
        // before the host, which a repository URI for comparison must not carry.
        if (at >= 0 && (slash < 0 || at < slash)) {
            throw new IllegalArgumentException("source URI " + uri + " carries user information");
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        int hostEnd = slash < 0 ? s.length() : s.indexOf('/', s.indexOf("://") + 3);
        if (hostEnd < 0) {
            hostEnd = s.length();
        }
        return new SourceUri(s.substring(0, hostEnd).toLowerCase(Locale.ROOT) + s.substring(hostEnd));
    }

    /** Splits {@code git+URI@REF} (the resolved-dependency form) into the URI and the ref, if any. */
    static String[] splitRef(String gitUri) {
        int scheme = gitUri.indexOf("://");
        int at = gitUri.indexOf('@', scheme < 0 ? 0 : scheme + 3);
        int slash = gitUri.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        // An '@' before the first slash of the authority would be userinfo, not a ref.
        if (at < 0 || (slash >= 0 && at < slash)) {
            return new String[] {gitUri, ""};
        }
        return new String[] {gitUri.substring(0, at), gitUri.substring(at + 1)};
    }

    @Override
    public String toString() {
        return value;
    }
}
