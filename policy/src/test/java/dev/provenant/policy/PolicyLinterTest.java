package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linting: the shipped sample is clean; schema violations and semantic mistakes are each reported
 * as one line naming the value's path and line; files that do not parse are a PolicyException.
 */
class PolicyLinterTest {
    static final Path ROOT = Path.of(System.getProperty("provenant.testdata", "../testdata")).getParent();

    @TempDir
    Path dir;

    final PolicyLinter linter = new PolicyLinter();

    @BeforeEach
    void keys() throws Exception {
        new Pipeline(dir); // copies builder, tester, build-gate and staging-gate public keys into dir/keys
    }

    List<PolicyProblem> lint(String text) throws Exception {
        return linter.lint(Files.writeString(dir.resolve("policy.yaml"), text)).problems();
    }

    static List<String> lines(List<PolicyProblem> problems) {
        return problems.stream().map(p -> p.format("policy.yaml")).toList();
    }

    @Test
    void theTestPolicyIsClean() throws Exception {
        assertThat(lint(Pipeline.policy())).isEmpty();
    }

    @Test
    void theShippedSamplePolicyIsClean() throws Exception {
        Path sample = dir.resolve("sample.yaml");
        Files.copy(ROOT.resolve("docs/promotion-policy.yaml"), sample);
        Path keys = dir.resolve("keys");
        for (String name : new String[] {"test-gate", "scanner-a", "scanner-b"}) {
            Files.copy(Pipeline.KEYS.resolve(name.equals("scanner-b") ? "ed25519.pub" : name.equals("test-gate") ? "ec-p384.pub"
                    : "rsa-3072.pub"), keys.resolve(name + ".pub"));
        }
        PolicyLinter.Result result = linter.lint(sample);
        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().orElseThrow().stageNames()).containsExactly("build", "test", "staging", "production");
        assertThat(result.policy().orElseThrow().stage("production").orElseThrow().requiredVsaFrom()).contains("staging");
    }

    @Test
    void theDocumentedExcerptIsClean() throws Exception {
        String readme = Files.readString(ROOT.resolve("docs/POLICY.md"));
        int section = readme.indexOf("# Promotion policy");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String excerpt = readme.substring(start, readme.indexOf("```", start));
        Files.copy(Pipeline.KEYS.resolve("ed25519.pub"), dir.resolve("keys/release.pub"));
        PolicyLinter.Result result = linter.lint(Files.writeString(dir.resolve("readme.yaml"), excerpt));
        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().orElseThrow().stage("build").orElseThrow().evidence().get(0).signers()).hasSize(3);
    }

    @Test
    void theShippedSchemaIsTheOneInDocs() throws Exception {
        assertThat(PolicyLinter.schemaTree()).isEqualTo(dev.provenant.attest.json.JsonCodec.readTree(
                Files.readAllBytes(ROOT.resolve("docs/promotion-policy-v1.schema.json")), "schema"));
    }

    @Test
    void jsonPoliciesAreReadToo() throws Exception {
        Path json = Files.writeString(dir.resolve("policy.json"), """
                {"apiVersion": "provenant.dev/policy/v1", "name": "p", "stages": [
                  {"name": "build", "evidence": [{"name": "prov", "predicate-type": "https://slsa.dev/provenance/v1",
                    "signers": [{"public-key": "keys/builder.pub"}]}]}]}
                """);
        assertThat(linter.lint(json).problems()).isEmpty();
    }

    @Test
    void misspeltKeyIsNamedWithItsLine() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("threshold: 1", "treshold: 1"))))
                .containsExactly("policy.yaml:16: $.stages[0].evidence[0].treshold: unknown key 'treshold'");
    }

    @Test
    void wrongApiVersionIsASchemaProblem() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("provenant.dev/policy/v1", "provenant.dev/policy/v2"))))
                .singleElement().asString().startsWith("policy.yaml:1: $.apiVersion: ");
    }

    @Test
    void missingStagesAndZeroThresholdAreSchemaProblems() throws Exception {
        assertThat(lines(lint("apiVersion: provenant.dev/policy/v1\nname: x\n"))).singleElement().asString()
                .contains("$: ").contains("stages");
        assertThat(lines(lint(Pipeline.policy().replace("threshold: 1", "threshold: 0")))).singleElement().asString()
                .startsWith("policy.yaml:16: $.stages[0].evidence[0].threshold: ");
    }

    @Test
    void signerNeedsAKeyOrAnIdentity() throws Exception {
        List<PolicyProblem> problems = lint(Pipeline.policy().replace("public-key: keys/tester.pub", "key: keys/tester.pub"));
        assertThat(problems).isNotEmpty().allMatch(p -> p.path().startsWith("$.stages[1].evidence[0].signers[0]") && p.line() > 0);
    }

    @Test
    void aKeyFileNameThePlatformCannotNameIsAProblemNotACrash() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("public-key: keys/tester.pub", "public-key: \"keys/tes\\0ter.pub\""))))
                .singleElement().asString().contains("signers[0].public-key").contains("not a file path");
    }

    @Test
    void aKeyFileIsReadNoFurtherThanAKeyCanBe() throws Exception {
        // a device reports size 0 and never ends: the read itself is bounded
        assertThat(lines(lint(Pipeline.policy().replace("public-key: keys/tester.pub", "public-key: /dev/zero"))))
                .singleElement().asString().contains("signers[0].public-key").contains("too large");
    }

    @Test
    void unknownStageReferenced() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("requires-previous-stage-vsa: staging", "requires-previous-stage-vsa: qa"))))
                .containsExactly("policy.yaml:43: $.stages[2].requires-previous-stage-vsa: unknown stage 'qa' (stages: build, staging, production)");
    }

    @Test
    void laterStageReferenced() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("requires-previous-stage-vsa: true", "requires-previous-stage-vsa: production"))))
                .singleElement().asString().contains("stage 'production' does not come before 'staging'");
    }

    @Test
    void firstStageCannotRequireAPreviousVsa() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("    max-age: 1d\n", "    max-age: 1d\n    requires-previous-stage-vsa: true\n"))))
                .singleElement().asString().contains("is the first stage");
    }

    @Test
    void requiredVsaNeedsAGateKey() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("    gate-key:\n      public-key: keys/staging-gate.pub\n", ""))))
                .singleElement().asString().contains("stage 'staging' declares no gate-key");
    }

    @Test
    void thresholdAboveTheSigners() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("threshold: 1", "threshold: 3"))))
                .containsExactly("policy.yaml:16: $.stages[0].evidence[0].threshold: threshold 3 is more than the 1 signer(s) listed: it can never be met");
    }

    @Test
    void sameKeyTwiceDoesNotCountTwice() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("            public-key: keys/builder.pub\n",
                "            public-key: keys/builder.pub\n          - pem: |\n" + indent(Files.readString(Pipeline.KEYS.resolve("ec-p256.pub"))))))).singleElement().asString()
                .contains("the same public key as $.stages[0].evidence[0].signers[0]");
    }

    static String indent(String pem) {
        return pem.lines().map(l -> "              " + l + "\n").reduce("", String::concat);
    }

    @Test
    void badRegularExpression() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("ref-pattern: refs/tags/v[0-9]+\\..*", "ref-pattern: refs/tags/v[0-9+"))))
                .singleElement().asString().startsWith("policy.yaml:20: $.stages[0].evidence[0].provenance.ref-pattern: bad regular expression");
    }

    @Test
    void badIdentityRegularExpression() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("          - name: builder\n            public-key: keys/builder.pub\n",
                "          - identity:\n              subject-regexp: '(unclosed'\n              issuer: https://token.actions.githubusercontent.com\n"))))
                .singleElement().asString().contains("$.stages[0].evidence[0].signers[0].identity: not a usable identity");
    }

    @Test
    void unreadableKeyFile() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("keys/tester.pub", "keys/missing.pub")))).singleElement().asString()
                .startsWith("policy.yaml:41: $.stages[1].evidence[0].signers[0].public-key: cannot read public key file ")
                .contains("missing.pub");
    }

    @Test
    void fileThatIsNotAKey() throws Exception {
        Files.writeString(dir.resolve("keys/tester.pub"), "not a key\n");
        assertThat(lines(lint(Pipeline.policy()))).singleElement().asString()
                .contains("$.stages[1].evidence[0].signers[0].public-key: not a PEM public key");
    }

    @Test
    void badDuration() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("max-age: 1d", "max-age: 1 day")))).singleElement().asString()
                .startsWith("policy.yaml:6: $.stages[0].max-age: ");
        assertThat(lines(lint(Pipeline.policy().replace("max-age: 1d", "max-age: PXD")))).singleElement().asString()
                .contains("is not a duration");
    }

    @Test
    void provenanceRulesNeedAProvenancePredicate() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("predicate-type: https://slsa.dev/provenance/v1",
                "predicate-type: https://example.com/other")))).hasSize(2).allMatch(l -> l.contains("rules need predicate-type"));
    }

    @Test
    void duplicateStageName() throws Exception {
        assertThat(lines(lint(Pipeline.policy().replace("- name: production", "- name: build")))).anyMatch(l ->
                l.contains("stage 'build' is defined twice"));
    }

    @Test
    void malformedYamlIsOneLineWithItsLine() {
        assertThatThrownBy(() -> lint("apiVersion: provenant.dev/policy/v1\nstages: [\n  {name: build\n")).isInstanceOf(PolicyException.class)
                .satisfies(e -> {
                    PolicyException pe = (PolicyException) e;
                    assertThat(pe.problems()).singleElement().satisfies(p -> assertThat(p.line()).isGreaterThan(1));
                    assertThat(pe.getMessage()).doesNotContain("\n").contains("not valid YAML");
                });
    }

    @Test
    void duplicateKeyIsRefused() {
        assertThatThrownBy(() -> lint("apiVersion: provenant.dev/policy/v1\nname: a\nname: b\nstages: []\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining(":3: $.name: key 'name' appears twice");
    }

    @Test
    void emptyAndNonObjectFiles() throws Exception {
        assertThatThrownBy(() -> lint("")).isInstanceOf(PolicyException.class).hasMessageContaining("empty");
        assertThat(lines(lint("- just\n- a list\n"))).singleElement().asString().startsWith("policy.yaml:1: $: ");
    }

    @Test
    void loadRefusesAPolicyWithProblems() {
        assertThatThrownBy(() -> PromotionPolicy.load(Files.writeString(dir.resolve("p.yaml"), Pipeline.policy().replace("threshold: 1", "threshold: 3"))))
                .isInstanceOf(PolicyException.class).hasMessageContaining("threshold 3 is more than");
    }

    @Test
    void aBaseImageRuleNeedsProvenanceAndASigner() throws Exception {
        String base = """
                apiVersion: provenant.dev/policy/v1
                name: base-images
                stages:
                  - name: build
                    evidence:
                      - name: %s
                        predicate-type: %s
                        signers: [{public-key: keys/builder.pub}]
                        base-images:
                          signers: %s
                """;
        assertThat(lint(base.formatted("provenance", "https://slsa.dev/provenance/v1", "[{name: platform, public-key: keys/tester.pub}]")))
                .isEmpty();
        assertThat(lines(lint(base.formatted("tests", "https://in-toto.io/attestation/test-result/v0.1",
                "[{public-key: keys/tester.pub}]")))).anySatisfy(l -> assertThat(l).contains("base-images")
                        .contains("base-image rules need predicate-type https://slsa.dev/provenance/v1"));
        assertThat(lines(lint(base.formatted("provenance", "https://slsa.dev/provenance/v1", "[]"))))
                .anySatisfy(l -> assertThat(l).contains("base-images.signers"));
        assertThat(lines(lint(base.formatted("provenance", "https://slsa.dev/provenance/v1", "[{public-key: keys/missing.pub}]"))))
                .anySatisfy(l -> assertThat(l).contains("base-images.signers[0]"));
    }
}
