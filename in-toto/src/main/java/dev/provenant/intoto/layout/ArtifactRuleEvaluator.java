package dev.provenant.intoto.layout;

import dev.provenant.intoto.link.Link;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies one step's or inspection's material or product rules with in-toto's queue semantics: the
 * queue starts as every artifact the item recorded, each rule removes the artifacts it consumes, and
 * only DISALLOW (something is still queued that it matches) and REQUIRE (the file is not queued) can
 * fail. Artifacts no rule consumes are otherwise allowed, as the specification says.
 */
public final class ArtifactRuleEvaluator {
    /** Where rules are applied: "materials" or "products". */
    public enum Side {
        MATERIALS("materials"), PRODUCTS("products");

        private final String field;

        Side(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final Map<String, Link> links;
    private final VerificationBudget budget;

    /** @param links the links rules may MATCH against, by step or inspection name (one per step, after thresholds) */
    public ArtifactRuleEvaluator(Map<String, Link> links) {
        this(links, new VerificationBudget(VerificationBudget.Limits.DEFAULT));
    }

    /** Charging every rule's check against each queued artifact to {@code budget}. */
    ArtifactRuleEvaluator(Map<String, Link> links, VerificationBudget budget) {
        this.links = Map.copyOf(links);
        this.budget = budget;
    }

    public void apply(String itemName, Side side, List<ArtifactRule> rules) throws VerificationException {
        Link link = links.get(itemName);
        if (link == null) {
            throw new VerificationException(Check.ARTIFACT_RULE, "no link for '" + itemName + "' to apply its rules to");
        }
        Map<String, Map<String, String>> artifacts = side == Side.MATERIALS ? link.materials() : link.products();
        Set<String> queue = new TreeSet<>(artifacts.keySet());
        for (ArtifactRule rule : rules) {
            budget.ruleChecks(queue.size(), " at '" + rule + "' of '" + itemName + "'");
            Set<String> matched = matching(rule.pattern(), queue);
            Set<String> consumed = switch (rule.type()) {
                case MATCH -> match(rule, queue, artifacts);
                case CREATE -> retain(matched, difference(link.products().keySet(), link.materials().keySet()));
                case DELETE -> retain(matched, difference(link.materials().keySet(), link.products().keySet()));
                case MODIFY -> modified(matched, link);
                case ALLOW -> matched;
                case DISALLOW -> {
                    if (!matched.isEmpty()) {
                        throw failure(itemName, side, rule, "matched " + matched + ", which no earlier rule consumed");
                    }
                    yield Set.of();
                }
                case REQUIRE -> {
                    // REQUIRE names one file, compared literally, as in-toto does
                    if (!queue.contains(rule.pattern().pattern())) {
                        throw failure(itemName, side, rule, "did not find " + rule.pattern().pattern() + " among " + queue);
                    }
                    yield Set.of();
                }
            };
            queue.removeAll(consumed);
        }
    }

    private static VerificationException failure(String item, Side side, ArtifactRule rule, String what) {
        return new VerificationException(Check.ARTIFACT_RULE, "'" + rule + "' in expected_" + side.field() + " of '" + item + "' " + what);
    }

    private static Set<String> matching(GlobPattern pattern, Set<String> paths) {
        Set<String> out = new TreeSet<>();
        for (String p : paths) {
            if (pattern.matches(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<String> retain(Set<String> matched, Set<String> allowed) {
        Set<String> out = new TreeSet<>(matched);
        out.retainAll(allowed);
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** MODIFY consumes what was both a material and a product, with different digests. */
    private static Set<String> modified(Set<String> matched, Link link) {
        Set<String> out = new TreeSet<>();
        for (String p : matched) {
            var before = link.materials().get(p);
            var after = link.products().get(p);
            if (before != null && after != null && !before.equals(after)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * MATCH consumes a queued artifact under the source prefix whose path, with the prefix swapped for
     * the destination prefix, the destination link recorded with the same digests. A destination
     * without a link consumes nothing, as in-toto does, which a later DISALLOW then catches.
     */
    private Set<String> match(ArtifactRule rule, Set<String> queue, Map<String, Map<String, String>> source) {
        Set<String> consumed = new TreeSet<>();
        Link dest = links.get(rule.destName());
        if (dest == null) {
            return consumed;
        }
        Map<String, Map<String, String>> destArtifacts = rule.destType().equals("materials") ? dest.materials() : dest.products();
        String sourcePrefix = rule.sourcePrefix().isEmpty() ? "" : join(rule.sourcePrefix(), "");
        for (String path : queue) {
            if (!path.startsWith(sourcePrefix)) {
                continue;
            }
            String relative = path.substring(sourcePrefix.length());
            if (!rule.pattern().matches(relative)) {
                continue;
            }
            String sourcePath = rule.sourcePrefix().isEmpty() ? relative : join(rule.sourcePrefix(), relative);
            String destPath = rule.destPrefix().isEmpty() ? relative : join(rule.destPrefix(), relative);
            Map<String, String> destDigests = destArtifacts.get(destPath);
            if (destDigests != null && destDigests.equals(source.get(sourcePath))) {
                consumed.add(sourcePath);
            }
        }
        return consumed;
    }

    /** Python's posixpath.join of two parts, which in-toto uses to put prefixes and paths together. */
    static String join(String a, String b) {
        if (b.startsWith("/")) {
            return b;
        }
        return a.isEmpty() || a.endsWith("/") ? a + b : a + "/" + b;
    }
}
