package dev.provenant.policy;

import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A component in the dependency catalog: matched by its name exactly or its URI by a regular
 * expression (the whole URI), and optionally only at one version or one digest.
 *
 * @param reason why a denied component is denied (a CVE, "deprecated: use X")
 */
public record CatalogEntry(Optional<String> name, Optional<Pattern> uriPattern, Optional<String> version,
        Optional<String> digest, String reason) {

    /** Whether {@code dependency} is this component (at this version and digest, when they are given). */
    public boolean matches(ResourceDescriptor dependency) {
        if (name.isPresent() && !name.get().equals(dependency.name())) {
            return false;
        }
        if (uriPattern.isPresent() && (dependency.uri() == null || !uriPattern.get().matcher(dependency.uri()).matches())) {
            return false;
        }
        if (version.isPresent() && !version.equals(versionOf(dependency))) {
            return false;
        }
        if (digest.isPresent()) {
            int colon = digest.get().indexOf(':');
            String algorithm = digest.get().substring(0, colon);
            String hex = digest.get().substring(colon + 1).toLowerCase(java.util.Locale.ROOT);
            return dependency.digestHex(algorithm).map(hex::equals).orElse(false);
        }
        return true;
    }

    /**
     * The version a dependency states: an {@code annotations.version}, else the {@code @VERSION} of a
     * package URL ({@code pkg:maven/g/a@1.2.3}).
     */
    static Optional<String> versionOf(ResourceDescriptor dependency) {
        if (dependency.annotations() != null && dependency.annotations().path("version").isTextual()) {
            return Optional.of(dependency.annotations().path("version").asText());
        }
        String uri = dependency.uri();
        if (uri != null && uri.startsWith("pkg:")) {
            int end = uri.length();
            for (char c : new char[] {'?', '#'}) {
                int i = uri.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            int at = uri.lastIndexOf('@', end);
            if (at > 0) {
                return Optional.of(uri.substring(at + 1, end));
            }
        }
        return Optional.empty();
    }

    /** How the entry is shown in a verdict. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        name.ifPresent(n -> out.append("name ").append(n));
        uriPattern.ifPresent(p -> out.append(out.length() > 0 ? ", " : "").append("uri /").append(p.pattern()).append('/'));
        version.ifPresent(v -> out.append(" version ").append(v));
        digest.ifPresent(d -> out.append(" digest ").append(d));
        return out.toString();
    }
}
