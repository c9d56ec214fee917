package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provenant.supplychain.DependencyRules;
import dev.provenant.supplychain.RuleAnchor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key= and trusted-root= files a rules file names, read before any dependency is checked. */
class RuleAnchorsTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata")).resolve("keys");
    static final Path ROOT = Path.of("../verifier/src/main/resources/dev/provenant/verifier/trust/public-good-trusted_root.json");

    @TempDir
    Path tmp;

    private DependencyRules rules(String text) throws Exception {
        Files.copy(KEYS.resolve("ec-p256.pub"), tmp.resolve("release.pub"));
        Files.copy(ROOT, tmp.resolve("root.json"));
        return DependencyRules.parse(text, "provenant-dependencies.rules", tmp);
    }

    @Test
    void aRulesKeyAndRootAreRead() throws Exception {
        DependencyRules rules = rules("com.example:* key=release.pub\ncom.other:* unsigned-ok trusted-root=root.json\norg.x:* unsigned-ok\n");
        var anchors = RuleAnchors.load(rules, null, Map.of());
        RuleAnchor keyed = anchors.apply(rules.rules().get(0));
        assertThat(keyed.key()).isPresent();
        RuleAnchor rooted = anchors.apply(rules.rules().get(1));
        assertThat(rooted.key()).isEmpty();
        RuleAnchor plain = anchors.apply(rules.rules().get(2));
        // rules without a root of their own share the default root's verifier
        assertThat(plain.verifier()).isSameAs(keyed.verifier());
        assertThat(rooted.verifier()).isNotSameAs(plain.verifier());
        assertThat(rooted.rootContext()).startsWith("sha256:");
    }

    @Test
    void aMissingKeyFileIsAUsageErrorNamingTheRuleLine() throws Exception {
        DependencyRules rules = rules("# in-house\ncom.example:* key=missing.pub\n");
        assertThatThrownBy(() -> RuleAnchors.load(rules, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provenant-dependencies.rules:2").hasMessageContaining("missing.pub")
                .hasMessageContaining("no such file");
    }

    @Test
    void aFileThatIsNotAPublicKeyNamesTheRuleLine() throws Exception {
        DependencyRules rules = rules("com.example:* key=root.json\n");
        assertThatThrownBy(() -> RuleAnchors.load(rules, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provenant-dependencies.rules:1: key=").hasMessageContaining("root.json");
        // a private key is not a public one
        Files.copy(KEYS.resolve("ec-p256-pkcs8.pem"), tmp.resolve("private.pem"));
        DependencyRules priv = DependencyRules.parse("com.example:* key=private.pem", "r", tmp);
        assertThatThrownBy(() -> RuleAnchors.load(priv, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("r:1: key=");
    }

    @Test
    void aMissingOrMalformedRootIsAUsageErrorNamingTheRuleLine() throws Exception {
        DependencyRules missing = rules("com.example:* unsigned-ok trusted-root=nowhere.json\n");
        assertThatThrownBy(() -> RuleAnchors.load(missing, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provenant-dependencies.rules:1: trusted-root=").hasMessageContaining("nowhere.json")
                .hasMessageContaining("no such file");
        DependencyRules malformed = DependencyRules.parse("com.example:* unsigned-ok trusted-root=release.pub", "r", tmp);
        assertThatThrownBy(() -> RuleAnchors.load(malformed, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("r:1: trusted-root=").hasMessageContaining("release.pub");
    }

    @Test
    void aKeyOrRootThatIsAFolderCannotBeReadAndNamesTheRuleLine() throws Exception {
        Files.createDirectory(tmp.resolve("keys"));
        DependencyRules key = rules("com.example:* key=keys\n");
        assertThatThrownBy(() -> RuleAnchors.load(key, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provenant-dependencies.rules:1: key=").hasMessageContaining("cannot be read");
        DependencyRules root = DependencyRules.parse("com.example:* unsigned-ok trusted-root=keys", "r", tmp);
        assertThatThrownBy(() -> RuleAnchors.load(root, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("r:1: trusted-root=").hasMessageContaining("cannot be read");
    }

    @Test
    void anUnreadableKeyFileNamesTheRuleLine() throws Exception {
        DependencyRules rules = rules("com.example:* key=release.pub\n");
        Path key = tmp.resolve("release.pub");
        // as root every file is readable: then this case is skipped, and the missing-file case covers the path
        assumeTrue(key.toFile().setReadable(false) && !Files.isReadable(key), "the key file cannot be made unreadable");
        assertThatThrownBy(() -> RuleAnchors.load(rules, null, Map.of())).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provenant-dependencies.rules:1: key=").hasMessageContaining("cannot be read");
    }
}
