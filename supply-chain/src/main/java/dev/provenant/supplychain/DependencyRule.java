package dev.provenant.supplychain;

import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.identity.ValueMatcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a rules file: which dependencies it covers ({@code GROUP:ARTIFACT[:VERSION]}, each part
 * exact or with {@code *} wildcards), who must have signed them (a keyless identity, or a public key), which
 * trusted root their bundles are checked against, and whether an unsigned one is allowed.
 * In the expected identity, {@code {version}} stands for the dependency's version, so one rule covers
 * every release of a project that signs from a tag.
 *
 * <p>A rule names a keyless signer ({@code identity} and {@code issuer}) or a public key, never both: a key-signed
 * bundle carries no certificate, so there is no identity to check, and a keyless one is not verified with a key.
 *
 * @param pattern the pattern as written
 * @param identity the expected certificate identity (exact or regular expression), absent for {@code key=} and for
 *     {@code unsigned-ok} alone
 * @param issuer the expected OIDC issuer, present exactly when {@code identity} is
 * @param key the trusted public key (PEM) file for key-signed bundles, as resolved when the rules were read
 * @param trustedRoot the trusted root this rule's bundles are checked against instead of the build's default
 * @param unsignedOk a missing bundle passes
 * @param line where the rule is, for messages: {@code FILE:LINE}
 */
public record DependencyRule(String pattern, Optional<ValueMatcher> identity, Optional<ValueMatcher> issuer, Optional<Path> key,
        Optional<Path> trustedRoot, boolean unsignedOk, String line) {
    public static final String VERSION_PLACEHOLDER = "{version}";

    public DependencyRule {
        if (identity.isPresent() != issuer.isPresent()) {
            throw new IllegalArgumentException("a rule names both the signer identity and its OIDC issuer, or neither");
        }
        if (key.isPresent() && identity.isPresent()) {
            throw new IllegalArgumentException("a rule names either key= (key-signed bundles) or identity= and issuer= "
                    + "(keyless bundles), not both: a key-signed bundle carries no certificate identity to check");
        }
        if (identity.isEmpty() && key.isEmpty() && !unsignedOk) {
            throw new IllegalArgumentException("a rule needs identity= (or identity-regexp=) and issuer= (or issuer-regexp=), "
                    + "or key=, or unsigned-ok");
        }
        compile(pattern); // fails early on a malformed pattern
    }

    /** A rule without a key or a trusted root of its own. */
    public DependencyRule(String pattern, Optional<ValueMatcher> identity, Optional<ValueMatcher> issuer, boolean unsignedOk,
            String line) {
        this(pattern, identity, issuer, Optional.empty(), Optional.empty(), unsignedOk, line);
    }

    /** True when this rule covers the dependency. */
    public boolean covers(Coordinates c) {
        String[] parts = pattern.split(":", -1);
        Pattern group = glob(parts[0]);
        Pattern artifact = glob(parts[1]);
        return group.matcher(c.groupId()).matches() && artifact.matcher(c.artifactId()).matches()
                && (parts.length < 3 || glob(parts[2]).matcher(c.version()).matches());
    }

    /** The identity policy for this dependency, with {@code {version}} filled in; empty for {@code unsigned-ok} alone. */
    public Optional<IdentityPolicy> policyFor(Coordinates c) {
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdentityPolicy(fill(identity.get(), c.version()), fill(issuer.get(), c.version()),
                Map.of()));
    }

    /**
     * A matcher as written in a rules file: in a regular expression the placeholder is kept as the literal
     * {@code \{version\}}, so the expression compiles before a version is filled in.
     */
    public static ValueMatcher template(String expression, boolean regexp) {
        return new ValueMatcher(regexp ? expression.replace(VERSION_PLACEHOLDER, REGEXP_PLACEHOLDER) : expression, regexp);
    }

    private static final String REGEXP_PLACEHOLDER = "\\{version\\}";

    private static ValueMatcher fill(ValueMatcher m, String version) {
        if (m.regexp()) {
            return m.expression().contains(REGEXP_PLACEHOLDER)
                    ? new ValueMatcher(m.expression().replace(REGEXP_PLACEHOLDER, Pattern.quote(version)), true) : m;
        }
        return m.expression().contains(VERSION_PLACEHOLDER)
                ? new ValueMatcher(m.expression().replace(VERSION_PLACEHOLDER, version), false) : m;
    }

    private static void compile(String pattern) {
        String[] parts = pattern.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + pattern + "' is not GROUP:ARTIFACT or GROUP:ARTIFACT:VERSION");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("'" + pattern + "' has an empty part; use * to match anything");
            }
        }
    }

    private static Pattern glob(String part) {
        return Pattern.compile(globRegex(part));
    }

    private static String globRegex(String part) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int i = part.indexOf('*'); i >= 0; i = part.indexOf('*', start)) {
            if (i > start) {
                regex.append(Pattern.quote(part.substring(start, i)));
            }
            regex.append(".*");
            start = i + 1;
        }
        if (start < part.length()) {
            regex.append(Pattern.quote(part.substring(start)));
        }
        return regex.toString();
    }
}
