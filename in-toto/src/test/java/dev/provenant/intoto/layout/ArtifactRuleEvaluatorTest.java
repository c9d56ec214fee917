package dev.provenant.intoto.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Link;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.intoto.layout.ArtifactRuleEvaluator.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every consuming rule is tested before a closing {@code DISALLOW *}: the positive case fails if the
 * rule consumed nothing (as if it were deleted), the negative case fails if it consumed too much.
 */
class ArtifactRuleEvaluatorTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    static Map<String, Map<String, String>> artifacts(String... pathDigest) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (int i = 0; i < pathDigest.length; i += 2) {
            out.put(pathDigest[i], Map.of("sha256", pathDigest[i + 1]));
        }
        return out;
    }

    static Link link(String name, Map<String, Map<String, String>> materials, Map<String, Map<String, String>> products) {
        return new Link(name, List.of(), new TreeMap<>(materials), new TreeMap<>(products), null, null);
    }

    static List<ArtifactRule> rules(String... rules) throws FormatException {
        List<ArtifactRule> out = new ArrayList<>();
        for (String r : rules) {
            out.add(ArtifactRule.parse(Arrays.asList(r.split(" "))));
        }
        return out;
    }

    static void apply(Map<String, Link> links, String item, Side side, String... rules) throws Exception {
        new ArtifactRuleEvaluator(links).apply(item, side, rules(rules));
    }

    static void passes(Map<String, Link> links, String item, Side side, String... rules) {
        assertThatCode(() -> apply(links, item, side, rules)).doesNotThrowAnyException();
    }

    static void fails(Map<String, Link> links, String item, Side side, String expected, String... rules) {
        assertThatThrownBy(() -> apply(links, item, side, rules)).isInstanceOf(VerificationException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.ARTIFACT_RULE));
    }

    static Map<String, Link> one(Link l) {
        return Map.of(l.name(), l);
    }

    @Test
    void createConsumesOnlyNewProducts() {
        Link step = link("s", artifacts("old", A), artifacts("old", A, "new", B));
        passes(one(step), "s", Side.PRODUCTS, "CREATE new", "ALLOW old", "DISALLOW *");
        fails(one(step), "s", Side.PRODUCTS, "'DISALLOW old'", "CREATE *", "DISALLOW old");
    }

    @Test
    void deleteConsumesOnlyRemovedMaterials() {
        Link step = link("s", artifacts("gone", A, "kept", A), artifacts("kept", A));
        passes(one(step), "s", Side.MATERIALS, "DELETE gone", "ALLOW kept", "DISALLOW *");
        fails(one(step), "s", Side.MATERIALS, "[kept]", "DELETE *", "DISALLOW *");
    }

    @Test
    void modifyConsumesOnlyChangedArtifacts() {
        Link step = link("s", artifacts("changed", A, "same", A), artifacts("changed", B, "same", A));
        passes(one(step), "s", Side.PRODUCTS, "MODIFY changed", "ALLOW same", "DISALLOW *");
        fails(one(step), "s", Side.PRODUCTS, "[same]", "MODIFY *", "DISALLOW *");
    }

    @Test
    void allowConsumesWhatItMatches() {
        Link step = link("s", artifacts(), artifacts("src/a.c", A, "README", B));
        // fnmatch's * spans slashes, unlike a shell glob
        passes(one(step), "s", Side.PRODUCTS, "ALLOW *.c", "ALLOW README", "DISALLOW *");
        fails(one(step), "s", Side.PRODUCTS, "[README]", "ALLOW *.c", "DISALLOW *");
    }

    @Test
    void disallowFailsOnAnyRemainingMatchOnly() {
        Link step = link("s", artifacts(), artifacts("a.txt", A, "b.bin", B));
        fails(one(step), "s", Side.PRODUCTS, "'DISALLOW *.bin' in expected_products of 's' matched [b.bin]", "DISALLOW *.bin");
        passes(one(step), "s", Side.PRODUCTS, "DISALLOW *.exe");
    }

    @Test
    void requireNeedsTheFileInTheQueue() {
        Link step = link("s", artifacts("Makefile", A), artifacts());
        passes(one(step), "s", Side.MATERIALS, "REQUIRE Makefile");
        fails(one(step), "s", Side.MATERIALS, "'REQUIRE configure'", "REQUIRE configure");
        // REQUIRE looks at the queue, so an artifact an earlier rule consumed is no longer there
        fails(one(step), "s", Side.MATERIALS, "REQUIRE Makefile", "ALLOW *", "REQUIRE Makefile");
    }

    @Test
    void matchConsumesArtifactsWithTheSameDigestsInTheOtherStep() {
        Link build = link("build", artifacts(), artifacts("app.jar", A, "app.pom", B));
        Link ship = link("ship", artifacts("app.jar", A, "app.pom", A), artifacts());
        Map<String, Link> links = Map.of("build", build, "ship", ship);
        passes(links, "ship", Side.MATERIALS, "MATCH app.jar WITH PRODUCTS FROM build", "ALLOW app.pom", "DISALLOW *");
        // app.pom's digest differs from build's product, so MATCH leaves it for DISALLOW
        fails(links, "ship", Side.MATERIALS, "[app.pom]", "MATCH * WITH PRODUCTS FROM build", "DISALLOW *");
        // materials of build are empty: matching against them consumes nothing
        fails(links, "ship", Side.MATERIALS, "app.jar", "MATCH * WITH MATERIALS FROM build", "DISALLOW *");
        // a step without a link consumes nothing either
        fails(links, "ship", Side.MATERIALS, "app.jar", "MATCH * WITH PRODUCTS FROM nobody", "DISALLOW *");
    }

    @Test
    void matchHonoursSourceAndDestinationPrefixes() {
        Link build = link("build", artifacts(), artifacts("out/lib/x.so", A));
        Link pack = link("pack", artifacts("staging/x.so", A, "x.so", A), artifacts());
        Map<String, Link> links = Map.of("build", build, "pack", pack);
        passes(links, "pack", Side.MATERIALS, "MATCH *.so IN staging WITH PRODUCTS IN out/lib FROM build", "DISALLOW staging/*");
        fails(links, "pack", Side.MATERIALS, "[staging/x.so]", "MATCH *.so WITH PRODUCTS IN out/lib FROM build", "DISALLOW staging/*");
        // the source prefix strips before matching: without the destination prefix nothing lines up
        fails(links, "pack", Side.MATERIALS, "staging/x.so", "MATCH x.so IN staging/ WITH PRODUCTS FROM build", "DISALLOW *");
        Link flat = link("flat", artifacts(), artifacts("x.so", A));
        Link nested = link("nested", artifacts("dist/x.so", A), artifacts());
        Map<String, Link> other = new HashMap<>(Map.of("flat", flat, "nested", nested));
        passes(other, "nested", Side.MATERIALS, "MATCH * IN dist WITH PRODUCTS FROM flat", "DISALLOW *");
    }

    @Test
    void keywordsAreCaseInsensitiveAndMalformedRulesAreRefused() throws Exception {
        assertThat(rules("match foo in a with products in b from s").get(0).destPrefix()).isEqualTo("b");
        for (String bad : new String[] {"CREATE", "CREATE a b", "FOO a", "MATCH a WITH STUFF FROM s", "MATCH a FROM s"}) {
            assertThatThrownBy(() -> rules(bad)).as(bad).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void globsFollowPythonFnmatch() throws Exception {
        assertThat(GlobPattern.of("*").matches(".hidden/dir/file")).isTrue();
        assertThat(GlobPattern.of("file?.[ch]").matches("file1.c")).isTrue();
        assertThat(GlobPattern.of("file?.[!ch]").matches("file1.c")).isFalse();
        assertThat(GlobPattern.of("[a-c]x").matches("bx")).isTrue();
        assertThat(GlobPattern.of("a[b").matches("a[b")).isTrue();
        assertThat(GlobPattern.of("*.TXT").matches("a.txt")).isFalse();
        assertThat(GlobPattern.of("a.b").matches("axb")).isFalse();
    }
}
