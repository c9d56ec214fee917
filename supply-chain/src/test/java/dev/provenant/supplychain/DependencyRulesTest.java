package dev.provenant.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DependencyRulesTest {
    private static final Coordinates SIGSTORE = new Coordinates("dev.sigstore", "sigstore-java", "1.3.0", "", "jar");

    @Test
    void firstCoveringRuleDecides() throws Exception {
        DependencyRules rules = DependencyRules.parse("""
                # comment
                dev.sigstore:sigstore-java:1.2.*  unsigned-ok

                dev.sigstore:*  identity=https://example/wf@refs/tags/v{version}  issuer=https://issuer.example
                *:*  unsigned-ok
                """, "rules.txt");
        DependencyRule rule = rules.ruleFor(SIGSTORE).orElseThrow();
        assertThat(rule.line()).isEqualTo("rules.txt:4");
        assertThat(rule.policyFor(SIGSTORE).orElseThrow().describe())
                .isEqualTo("identity 'https://example/wf@refs/tags/v1.3.0' from OIDC issuer 'https://issuer.example'");
        assertThat(rules.ruleFor(new Coordinates("dev.sigstore", "sigstore-java", "1.2.0", "", "jar")).orElseThrow().line())
                .isEqualTo("rules.txt:2");
        assertThat(rules.ruleFor(new Coordinates("org.other", "x", "1", "", "jar")).orElseThrow().unsignedOk()).isTrue();
    }

    @Test
    void wildcardsMatchWholeParts() throws Exception {
        DependencyRules rules = DependencyRules.parse("org.apache.*:commons-*  unsigned-ok", "r");
        assertThat(rules.ruleFor(new Coordinates("org.apache.commons", "commons-lang3", "3", "", "jar"))).isPresent();
        assertThat(rules.ruleFor(new Coordinates("org.apache", "commons-lang3", "3", "", "jar"))).isEmpty();
        assertThat(rules.ruleFor(new Coordinates("org.apache.commons", "lang-commons-x", "3", "", "jar"))).isEmpty();
        assertThat(rules.ruleFor(new Coordinates("xorg.apache.commons", "commons-lang3", "3", "", "jar"))).isEmpty();
    }

    @Test
    void regexpVersionPlaceholderIsQuoted() throws Exception {
        DependencyRule rule = DependencyRules.parse(
                "g:a identity-regexp=https://x/wf@refs/tags/v{version} issuer-regexp=https://.*", "r").rules().get(0);
        var policy = rule.policyFor(new Coordinates("g", "a", "1.3.0", "", "jar")).orElseThrow();
        assertThat(policy.san().matches("https://x/wf@refs/tags/v1.3.0")).isTrue();
        assertThat(policy.san().matches("https://x/wf@refs/tags/v1x3x0")).isFalse();
    }

    @Test
    void malformedRulesNameTheLine() {
        assertThatThrownBy(() -> DependencyRules.parse("g:a identity=x", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:1").hasMessageContaining("issuer");
        assertThatThrownBy(() -> DependencyRules.parse("\ng:a", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:2").hasMessageContaining("unsigned-ok");
        assertThatThrownBy(() -> DependencyRules.parse("g identity=x issuer=y", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("GROUP:ARTIFACT");
        assertThatThrownBy(() -> DependencyRules.parse("g:a fingerprint=abc", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("unknown key 'fingerprint'");
        assertThatThrownBy(() -> DependencyRules.parse("g:a identity-regexp=( issuer=y", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:1");
        assertThatThrownBy(() -> DependencyRules.parse("g:a identity=x identity=y issuer=z", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> DependencyRules.parse("g::1 unsigned-ok", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("empty part");
    }

    @Test
    void keyAndTrustedRootFilesAreTakenFromTheBaseFolder() throws Exception {
        Path base = Path.of("/project");
        DependencyRules rules = DependencyRules.parse("""
                com.example:*  key=keys/release.pub
                com.example.private:*  identity=a@example.test issuer=https://oidc.example.test trusted-root=/etc/root.json
                org.legacy:*  unsigned-ok
                """, "r", base);
        assertThat(rules.rules().get(0).key()).contains(base.resolve("keys/release.pub"));
        assertThat(rules.rules().get(0).identity()).isEmpty();
        assertThat(rules.rules().get(0).trustedRoot()).isEmpty();
        assertThat(rules.rules().get(1).trustedRoot()).contains(Path.of("/etc/root.json"));
        assertThat(rules.rules().get(1).key()).isEmpty();
        assertThat(rules.rules().get(2).key()).isEmpty();
        // without a base, as written
        assertThat(DependencyRules.parse("g:a key=k.pub", "r").rules().get(0).key()).contains(Path.of("k.pub"));
    }

    @Test
    void aKeyAloneIsARuleButNotWithAnIdentity() throws Exception {
        assertThat(DependencyRules.parse("g:a key=k.pub", "r").rules()).hasSize(1);
        assertThatThrownBy(() -> DependencyRules.parse("g:a key=k.pub identity=x issuer=y", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:1").hasMessageContaining("not both");
        assertThatThrownBy(() -> DependencyRules.parse("g:a key=k.pub identity-regexp=.* issuer-regexp=.*", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("not both");
        // a trusted root alone says nothing about who signed
        assertThatThrownBy(() -> DependencyRules.parse("g:a trusted-root=r.json", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("key=");
    }

    @Test
    void keyAndTrustedRootAreGivenOnceAndNotEmpty() {
        assertThatThrownBy(() -> DependencyRules.parse("g:a key=a.pub key=b.pub", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:1").hasMessageContaining("key is given twice");
        assertThatThrownBy(() -> DependencyRules.parse("g:a unsigned-ok trusted-root=a trusted-root=b", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("trusted root is given twice");
        assertThatThrownBy(() -> DependencyRules.parse("g:a key=", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("key= needs a file");
        assertThatThrownBy(() -> DependencyRules.parse("g:a unsigned-ok trusted-root=", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("trusted-root= needs a file");
    }
}
