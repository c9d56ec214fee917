package dev.provenant.intoto.layout;

import dev.provenant.attest.FormatException;
import java.util.List;
import java.util.Locale;

/**
 * One artifact rule of a step or inspection. For MATCH, {@code destType} is "materials" or
 * "products", {@code destName} the step or inspection whose artifacts are compared, and the prefixes
 * are "" when the rule has no {@code IN}. {@code words} is the rule as the layout wrote it, for messages.
 */
public record ArtifactRule(RuleType type, GlobPattern pattern, String sourcePrefix, String destType, String destPrefix,
        String destName, List<String> words) {

    public ArtifactRule {
        words = List.copyOf(words);
    }

    /** Parses the forms in-toto's rulelib accepts, with its keywords in any case. */
    public static ArtifactRule parse(List<String> words) throws FormatException {
        if (words.size() < 2) {
            throw new FormatException("rule " + words + " needs a type and a pattern");
        }
        RuleType type = RuleType.of(words.get(0))
                .orElseThrow(() -> new FormatException("rule " + words + " does not start with one of " + List.of(RuleType.values())));
        GlobPattern pattern = GlobPattern.of(words.get(1));
        if (type != RuleType.MATCH) {
            if (words.size() != 2) {
                throw new FormatException("rule " + words + ": " + type + " takes exactly one pattern");
            }
            return new ArtifactRule(type, pattern, "", "", "", "", words);
        }
        List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        String sourcePrefix;
        String destType;
        String destPrefix;
        String destName;
        int n = words.size();
        if (n == 10 && is(lower, 2, "in") && is(lower, 4, "with") && is(lower, 6, "in") && is(lower, 8, "from")) {
            sourcePrefix = words.get(3);
            destType = lower.get(5);
            destPrefix = words.get(7);
            destName = words.get(9);
        } else if (n == 8 && is(lower, 2, "in") && is(lower, 4, "with") && is(lower, 6, "from")) {
            sourcePrefix = words.get(3);
            destType = lower.get(5);
            destPrefix = "";
            destName = words.get(7);
        } else if (n == 8 && is(lower, 2, "with") && is(lower, 4, "in") && is(lower, 6, "from")) {
            sourcePrefix = "";
            destType = lower.get(3);
            destPrefix = words.get(5);
            destName = words.get(7);
        } else if (n == 6 && is(lower, 2, "with") && is(lower, 4, "from")) {
            sourcePrefix = "";
            destType = lower.get(3);
            destPrefix = "";
            destName = words.get(5);
        } else {
            throw new FormatException("rule " + words + " is not MATCH <pattern> [IN <prefix>] WITH (MATERIALS|PRODUCTS)"
                    + " [IN <prefix>] FROM <step>");
        }
        if (!destType.equals("materials") && !destType.equals("products")) {
            throw new FormatException("rule " + words + " must match WITH MATERIALS or PRODUCTS");
        }
        return new ArtifactRule(type, pattern, sourcePrefix, destType, destPrefix, destName, words);
    }

    private static boolean is(List<String> lower, int index, String word) {
        return lower.get(index).equals(word);
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
