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
 * </pre>
 *
 * {@code identity=} / {@code identity-regexp=} and {@code issuer=} / {@code issuer-regexp=} are the
 * expected certificate identity and OIDC issuer, exact or a whole-value regular expression.
 * {@code unsigned-ok} lets a dependency without a bundle pass; a bundle that is published must still
 * verify, and must name the identity when the rule gives one.
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
        return parse(BoundedFile.readString(file, InputLimit.RULES, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses rules; {@code source} names the file in messages. */
    public static DependencyRules parse(String text, String source) throws FormatException {
        List<DependencyRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            try {
                rules.add(parseLine(line, where));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ": " + e.getMessage());
            }
        }
        return new DependencyRules(rules);
    }

    private static DependencyRule parseLine(String line, String where) {
        String[] words = line.split("\\s+");
        ValueMatcher identity = null;
        ValueMatcher issuer = null;
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
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            switch (key) {
                case "identity", "identity-regexp" -> {
                    if (identity != null) {
                        throw new IllegalArgumentException("the identity is given twice");
                    }
                    identity = DependencyRule.template(value, key.endsWith("-regexp"));
                }
                case "issuer", "issuer-regexp" -> {
                    if (issuer != null) {
                        throw new IllegalArgumentException("the issuer is given twice");
                    }
                    issuer = DependencyRule.template(value, key.endsWith("-regexp"));
                }
                default -> throw new IllegalArgumentException("unknown key '" + key
                        + "' (expected identity, identity-regexp, issuer, issuer-regexp or unsigned-ok)");
            }
        }
        return new DependencyRule(words[0], Optional.ofNullable(identity), Optional.ofNullable(issuer), unsignedOk, where);
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
