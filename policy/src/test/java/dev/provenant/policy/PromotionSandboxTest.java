package dev.provenant.policy;

import static dev.provenant.policy.PromotionGateTest.failsAlone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.LinkPredicate;
import dev.provenant.sandbox.SandboxEvidence;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage requiring the build step's link attestation, or the build's SLSA provenance (its sandbox record), to
 * record a sandbox with the network off and a pinned profile.
 */
class PromotionSandboxTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);

    @TempDir
    java.nio.file.Path dir;

    Pipeline p;

    @BeforeEach
    void setUp() throws Exception {
        p = new Pipeline(dir);
    }

    static String policy(String sandbox) {
        return """
                apiVersion: provenant.dev/policy/v1
                name: acme-app
                stages:
                  - name: build
                    gate-key:
                      public-key: keys/build-gate.pub
                    verified-levels: [SLSA_BUILD_LEVEL_2]
                    evidence:
                      - name: build-step
                        predicate-type: https://in-toto.io/attestation/link/v0.3
                        signers:
                          - name: builder
                            public-key: keys/builder.pub
                """ + sandbox;
    }

    static final String RULE = """
                        sandbox:
                          network: "off"
                          profile-digest: %s
                """.formatted(DIGEST);

    Statement link(ObjectNode sandbox) throws Exception {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        if (sandbox != null) {
            env.set("sandbox", sandbox);
        }
        Link link = new Link("build", List.of("make"), new TreeMap<>(),
                new TreeMap<>(Map.of("app.jar", Map.of("sha256", p.artifactDigest().hex()))), null, env);
        return LinkPredicate.toStatement(link);
    }

    static ObjectNode sandbox(String network, String digest) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("runner", "bubblewrap").put("runner-version", "0.8.0");
        s.putObject("profile").put("name", "strict").put("digest", digest);
        s.putObject("enforced").put("network", network);
        return s;
    }

    PromotionVerdict evaluate(String policy, Statement statement) throws Exception {
        return p.evaluate(p.load(policy), "build", p.sign(p.builder, statement, "build.link.sigstore.json"));
    }

    @Test
    void aSandboxedLinkWithTheNetworkOffAndThePinnedProfilePasses() throws Exception {
        PromotionVerdict verdict = evaluate(policy(RULE), link(sandbox("off", DIGEST)));
        assertThat(verdict.passed()).as(verdict.rules().toString()).isTrue();
        assertThat(verdict.rules()).anySatisfy(r -> {
            assertThat(r.rule()).isEqualTo("build-step.sandbox");
            assertThat(r.reason()).contains("step(s) build ran sandboxed with the network off in profile " + DIGEST);
        });
    }

    @Test
    void aLinkWithoutASandboxFailsTheSandboxRuleAlone() throws Exception {
        failsAlone(evaluate(policy(RULE), link(null)), "build-step.sandbox", "step build does not record a sandbox");
        // the same link passes the same stage without the rule
        assertThat(evaluate(policy(""), link(null)).passed()).isTrue();
    }

    @Test
    void theNetworkOnOrAnotherProfileFailsTheSandboxRule() throws Exception {
        failsAlone(evaluate(policy(RULE), link(sandbox("host", DIGEST))), "build-step.sandbox", "network host");
        failsAlone(evaluate(policy(RULE), link(sandbox("off", "sha256:" + "d".repeat(64)))), "build-step.sandbox",
                "where " + DIGEST + " is required");
        assertThat(evaluate(policy("""
                        sandbox:
                          network: any
                """), link(sandbox("host", DIGEST))).passed()).isTrue();
    }

    static String provenancePolicy(String sandbox) {
        return policy(sandbox).replace("https://in-toto.io/attestation/link/v0.3", "https://slsa.dev/provenance/v1");
    }

    /** Provenance as provenance --sandbox-link writes it: the record of a sandboxed run that ended as given. */
    Statement provenance(ObjectNode sandbox, ObjectNode run) throws Exception {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        env.set("sandbox", sandbox);
        ObjectNode byproducts = JsonNodeFactory.instance.objectNode();
        byproducts.set("sandbox", run);
        ObjectNode record = SandboxEvidence.provenanceRecord("build", "ab".repeat(32), env, byproducts);
        return p.provenance("refs/tags/v1.4.2", Pipeline.goodDependencies(), Pipeline.BUILT, json -> ((ObjectNode) json
                .at("/predicate/buildDefinition/internalParameters")).set(SandboxEvidence.PROVENANCE_PARAMETER, record));
    }

    static ObjectNode exited(int status, String writes) {
        return JsonNodeFactory.instance.objectNode().put("outcome", "exited").put("exit-status", status).put("writes", writes);
    }

    PromotionVerdict evaluateProvenance(String policy, Statement statement) throws Exception {
        return p.evaluate(p.load(policy), "build", p.sign(p.builder, statement, "app.provenance.sigstore.json"));
    }

    @Test
    void provenanceWhoseSandboxRecordShowsTheRequiredSandboxPasses() throws Exception {
        PromotionVerdict verdict = evaluateProvenance(provenancePolicy(RULE), provenance(sandbox("off", DIGEST), exited(0, "kept")));
        assertThat(verdict.passed()).as(verdict.rules().toString()).isTrue();
        assertThat(verdict.rules()).anySatisfy(r -> {
            assertThat(r.rule()).isEqualTo("build-step.sandbox");
            assertThat(r.reason()).contains("step(s) build (provenance) ran sandboxed with the network off in profile " + DIGEST);
        });
    }

    @Test
    void provenanceWithoutASandboxRecordOrWithAnotherSandboxFailsTheSandboxRuleAlone() throws Exception {
        failsAlone(evaluateProvenance(provenancePolicy(RULE), p.provenance()), "build-step.sandbox",
                "app.provenance.sigstore.json: the provenance does not record a sandbox"
                        + " (buildDefinition.internalParameters.provenant.dev/sandbox)");
        assertThat(evaluateProvenance(provenancePolicy(""), p.provenance()).passed()).isTrue();
        failsAlone(evaluateProvenance(provenancePolicy(RULE), provenance(sandbox("host", DIGEST), exited(0, "kept"))),
                "build-step.sandbox", "the provenance of step build records a sandbox with network host");
        failsAlone(evaluateProvenance(provenancePolicy(RULE), provenance(sandbox("off", "sha256:" + "d".repeat(64)),
                exited(0, "kept"))), "build-step.sandbox", "where " + DIGEST + " is required");
    }

    @Test
    void provenanceRecordingASandboxedRunThatFailedFailsTheSandboxRule() throws Exception {
        failsAlone(evaluateProvenance(provenancePolicy(RULE), provenance(sandbox("off", DIGEST), exited(2, "discarded"))),
                "build-step.sandbox", "did not succeed");
    }

    @Test
    void aSandboxRuleOnOtherEvidenceThanALinkOrProvenanceOrMalformedIsAPolicyProblem() throws Exception {
        String onTests = policy(RULE).replace("https://in-toto.io/attestation/link/v0.3", "https://in-toto.io/attestation/test-result/v0.1");
        assertThatThrownBy(() -> p.load(onTests)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("sandbox rules need predicate-type https://in-toto.io/attestation/link/v0.3 (a step's link) or"
                        + " https://slsa.dev/provenance/v1");
        String onOldProvenance = policy(RULE).replace("https://in-toto.io/attestation/link/v0.3", "https://slsa.dev/provenance/v0.2");
        assertThatThrownBy(() -> p.load(onOldProvenance)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("sandbox rules need predicate-type");
        assertThatThrownBy(() -> p.load(policy(RULE.replace("\"off\"", "loopback")))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("network");
        assertThatThrownBy(() -> p.load(policy(RULE.replace(DIGEST, "abc")))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("profile-digest");
    }
}
