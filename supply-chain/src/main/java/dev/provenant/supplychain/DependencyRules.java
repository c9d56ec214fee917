package dev.provenant.supplychain;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.identity.ValueMatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who must have signed which dependencies, read from a text file, one rule a line; the first rule
 * that covers a dependency decides (put specific rules before general ones):
 *
 * <pre>
 * # GROUP:ARTIFACT[:VERSION]   expected signer                                     (* is a wildcard)
 * dev.sigstore:*   identity=https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v{version} issuer=https://token.actions.githubusercontent.com
 * com.acme:*       identity-regexp=https://github\.com/acme/.+ issuer=https://token.actions.githubusercontent.com unsigned-ok
 * org.legacy:old   unsigned-ok
 * com.example.inhouse:*  key=keys/release.pub
 * com.example.private:*  identity=ci@example.com issuer=https://oidc.example.com trusted-root=private-root.json
 * </pre>
 *
 * {@code identity=} / {@code identity-regexp=} and {@code issuer=} / {@code issuer-regexp=} are the
 * expected certificate identity and OIDC issuer, exact or a whole-value regular expression.
 * {@code key=FILE} names the PEM public key that key-signed bundles (what the Maven plugin's sign goal writes
 * with a key, as {@code .provenant-bundle.json}) must verify with; a rule names a key or an identity, not both.
 * {@code trusted-root=FILE} is the Sigstore {@code trusted_root.json} this rule's bundles are checked against
 * instead of the build's, so public-good and private-instance bundles verify in one build. A relative FILE is
 * taken from the folder given when reading (for Maven, the project's base directory); neither file is read here.
 * {@code unsigned-ok} lets a dependency without a bundle pass; a bundle that is published must still
 * verify, with the key or naming the identity when the rule gives one.
 */
public final class DependencyRules {
    private final List<DependencyRule> rules;

    public DependencyRules(List<DependencyRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<DependencyRule> rules() {
        return rules;
    }

    public static DependencyRules read(Path file) throws IOException, FormatException {
        return read(file, null);
    }

    /** Reads rules whose relative {@code key=} and {@code trusted-root=} files are taken from {@code base} (null: as written). */
    public static DependencyRules read(Path file, Path base) throws IOException, FormatException {
        return parse(BoundedFile.readString(file, InputLimit.RULES, StandardCharsets.UTF_8), file.toString(), base);
    }

    /** Parses rules; {@code source} names the file in messages; relative files stay as written. */
    public static DependencyRules parse(String text, String source) throws FormatException {
        return parse(text, source, null);
    }

    /** Parses rules; {@code source} names the file in messages, relative files are taken from {@code base} (null: as written). */
    public static DependencyRules parse(String text, String source, Path base) throws FormatException {
        List<DependencyRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            try {
                rules.add(parseLine(line, where, base));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ": " + e.getMessage());
            }
        }
        return new DependencyRules(rules);
    }

    private static DependencyRule parseLine(String line, String where, Path base) {
        String[] words = line.split("\\s+");
        ValueMatcher identity = null;
        ValueMatcher issuer = null;
        Path key = null;
        Path trustedRoot = null;
        boolean unsignedOk = false;
        for (int w = 1; w < words.length; w++) {
            String word = words[w];
            if (word.equals("unsigned-ok")) {
                unsignedOk = true;
                continue;
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + word + "' is not KEY=VALUE or unsigned-ok");
            }
            String name = word.substring(0, eq);
            String value = word.substring(eq + 1);
            switch (name) {
                case "identity", "identity-regexp" -> {
                    if (identity != null) {
                        throw new IllegalArgumentException("the identity is given twice");
                    }
                    identity = DependencyRule.template(value, name.endsWith("-regexp"));
                }
                case "issuer", "issuer-regexp" -> {
                    if (issuer != null) {
                        throw new IllegalArgumentException("the issuer is given twice");
                    }
                    issuer = DependencyRule.template(value, name.endsWith("-regexp"));
                }
                case "key" -> {
                    if (key != null) {
                        throw new IllegalArgumentException("the key is given twice");
                    }
                    key = file(name, value, base);
                }
                case "trusted-root" -> {
                    if (trustedRoot != null) {
                        throw new IllegalArgumentException("the trusted root is given twice");
                    }
                    trustedRoot = file(name, value, base);
                }
                default -> throw new IllegalArgumentException("unknown key '" + name
                        + "' (expected identity, identity-regexp, issuer, issuer-regexp, key, trusted-root or unsigned-ok)");
            }
        }
        return new DependencyRule(words[0], Optional.ofNullable(identity), Optional.ofNullable(issuer), Optional.ofNullable(key),
                Optional.ofNullable(trustedRoot), unsignedOk, where);
    }

    private static Path file(String name, String value, Path base) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + "= needs a file");
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a file name");
        }
        return base == null || file.isAbsolute() ? file : base.resolve(file);
    }

    /** The first rule covering the dependency, if any. */
    public Optional<DependencyRule> ruleFor(Coordinates coordinates) {
        for (DependencyRule rule : rules) {
            if (rule.covers(coordinates)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
