package dev.provenant.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
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
        assertThatThrownBy(() -> DependencyRules.parse("g:a key=pub.pem", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("unknown key 'key'");
        assertThatThrownBy(() -> DependencyRules.parse("g:a identity-regexp=( issuer=y", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("r.txt:1");
        assertThatThrownBy(() -> DependencyRules.parse("g:a identity=x identity=y issuer=z", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> DependencyRules.parse("g::1 unsigned-ok", "r.txt"))
                .isInstanceOf(FormatException.class).hasMessageContaining("empty part");
    }
}
