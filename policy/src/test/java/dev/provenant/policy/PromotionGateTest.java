package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion on real bundles signed with testdata keys: a clean build stage passes every rule, and
 * each rule fails on its own (every other rule still passing or not evaluated) with a reason, when
 * exactly the evidence it guards is removed or altered. Then the VSA chain: build's VSA admits the
 * artifact to staging, a tampered VSA or one from the wrong key does not.
 */
class PromotionGateTest {
    @TempDir
    java.nio.file.Path dir;

    Pipeline p;
    PromotionPolicy policy;

    @BeforeEach
    void setUp() throws Exception {
        p = new Pipeline(dir);
        policy = p.load(Pipeline.policy());
    }

    static Map<String, RuleResult.Status> statuses(PromotionVerdict verdict) {
        return verdict.rules().stream().collect(Collectors.toMap(RuleResult::rule, RuleResult::status));
    }

    /** Exactly {@code rule} failed, nothing else did; its reason says {@code reasonPart}. */
    static void failsAlone(PromotionVerdict verdict, String rule, String reasonPart) {
        assertThat(verdict.passed()).isFalse();
        List<RuleResult> failed = verdict.rules().stream().filter(r -> r.status() == RuleResult.Status.FAIL).toList();
        assertThat(failed).extracting(RuleResult::rule).containsExactly(rule);
        assertThat(failed.get(0).reason()).contains(reasonPart);
        assertThat(failed.get(0).line()).startsWith("FAIL " + rule + ": ");
        assertThat(verdict.firstFailure()).contains(failed.get(0));
    }

    @Test
    void buildStagePassesEveryRuleOnGoodEvidence() throws Exception {
        PromotionVerdict verdict = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));

        assertThat(verdict.passed()).as(verdict.rules().toString()).isTrue();
        assertThat(statuses(verdict)).containsOnlyKeys("provenance.signers", "provenance.predicate-type", "provenance.max-age",
                "provenance.provenance", "provenance.ref-pattern", "provenance.dependencies.pinned", "provenance.dependencies.catalog");
        assertThat(verdict.rules()).allMatch(RuleResult::passed);
        assertThat(verdict.inputs()).extracting(EvidenceBundle::uri).containsExactly(dir.resolve("app.provenance.json").toString());
        assertThat(verdict.subjects().get(0).digestHex("sha256")).contains(p.artifactDigest().hex());
    }

    @Test
    void untrustedSignerFailsTheSignersRule() throws Exception {
        PromotionVerdict verdict = p.evaluate(policy, "build", p.sign(p.tester, p.provenance(), "app.provenance.json"));
        failsAlone(verdict, "provenance.signers", "signature");
        assertThat(statuses(verdict)).containsEntry("provenance.provenance", RuleResult.Status.SKIPPED);
    }

    @Test
    void thresholdCountsDistinctSigners() throws Exception {
        PromotionPolicy twoOfTwo = p.load(Pipeline.policy().replace("threshold: 1", "threshold: 2").replace(
                "            public-key: keys/builder.pub\n",
                "            public-key: keys/builder.pub\n          - name: release-manager\n            public-key: keys/tester.pub\n"));
        EvidenceBundle once = p.sign(p.builder, p.provenance(), "a.json");
        EvidenceBundle again = p.sign(p.builder, p.provenance(), "b.json");

        failsAlone(p.evaluate(twoOfTwo, "build", once, again), "provenance.signers", "only 1 of 2");
        assertThat(p.evaluate(twoOfTwo, "build", once, p.sign(p.tester, p.provenance(), "c.json")).passed()).isTrue();
    }

    @Test
    void wrongPredicateTypeFailsThePredicateTypeRule() throws Exception {
        Statement other = p.provenance("refs/tags/v1.4.2", Pipeline.goodDependencies(), Pipeline.BUILT,
                j -> j.put("predicateType", "https://slsa.dev/provenance/v0.1"));
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, other, "x.json")), "provenance.predicate-type",
                "https://slsa.dev/provenance/v0.1");
    }

    @Test
    void staleEvidenceFailsTheMaxAgeRule() throws Exception {
        Statement old = p.provenance("refs/tags/v1.4.2", Pipeline.goodDependencies(), Instant.parse("2026-11-24T10:00:00Z"), j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, old, "x.json")), "provenance.max-age", "3d2h old");
    }

    @Test
    void evidenceFromTheFutureFailsTheMaxAgeRule() throws Exception {
        Statement future = p.provenance("refs/tags/v1.4.2", Pipeline.goodDependencies(), Instant.parse("2026-11-28T10:00:00Z"), j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, future, "x.json")), "provenance.max-age", "in the future");
    }

    @Test
    void wrongBuilderFailsTheProvenanceRule() throws Exception {
        Statement other = p.provenance("refs/tags/v1.4.2", Pipeline.goodDependencies(), Pipeline.BUILT,
                j -> ((ObjectNode) j.path("predicate").path("runDetails").path("builder")).put("id", "https://ci.evil.example/builder"));
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, other, "x.json")), "provenance.provenance",
                "provenance builder: builder.id is https://ci.evil.example/builder");
    }

    @Test
    void wrongSourceFailsTheProvenanceRule() throws Exception {
        PromotionPolicy otherSource = p.load(Pipeline.policy().replace("source-uri: github.com/acme/app", "source-uri: github.com/acme/lib"));
        failsAlone(p.evaluate(otherSource, "build", p.sign(p.builder, p.provenance(), "x.json")), "provenance.provenance",
                "provenance source: source is");
    }

    @Test
    void wrongBuildTypeFailsTheProvenanceRule() throws Exception {
        PromotionPolicy otherType = p.load(Pipeline.policy().replace("build-type: https://actions.github.io/buildtypes/workflow/v1",
                "build-type: https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1"));
        failsAlone(p.evaluate(otherType, "build", p.sign(p.builder, p.provenance(), "x.json")), "provenance.provenance",
                "provenance build type");
    }

    @Test
    void branchBuildFailsTheRefPatternRule() throws Exception {
        Statement branch = p.provenance("refs/heads/main", Pipeline.goodDependencies(), Pipeline.BUILT, j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, branch, "x.json")), "provenance.ref-pattern",
                "refs/heads/main, which does not match");
    }

    @Test
    void unpinnedDependencyFailsThePinnedRule() throws Exception {
        Statement loose = p.provenance("refs/tags/v1.4.2", List.of(Pipeline.dependency("pkg:maven/com.acme/util@1.0", false)),
                Pipeline.BUILT, j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, loose, "x.json")), "provenance.dependencies.pinned",
                "1 of 2 resolved dependencies are not pinned by a digest: pkg:maven/com.acme/util@1.0");
    }

    @Test
    void deniedDependencyFailsTheCatalogRuleWithItsReason() throws Exception {
        Statement vulnerable = p.provenance("refs/tags/v1.4.2",
                List.of(Pipeline.dependency("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", true)), Pipeline.BUILT, j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, vulnerable, "x.json")), "provenance.dependencies.catalog",
                "log4j-core@2.14.1 is denied");
        assertThat(p.evaluate(policy, "build", p.sign(p.builder, vulnerable, "x.json")).firstFailure().orElseThrow().reason())
                .contains("CVE-2021-44228");
    }

    @Test
    void dependencyOutsideTheAllowListFailsTheCatalogRule() throws Exception {
        Statement npm = p.provenance("refs/tags/v1.4.2", List.of(Pipeline.dependency("pkg:npm/left-pad@1.3.0", true)),
                Pipeline.BUILT, j -> {});
        failsAlone(p.evaluate(policy, "build", p.sign(p.builder, npm, "x.json")), "provenance.dependencies.catalog",
                "pkg:npm/left-pad@1.3.0 is not in the allow-list catalog");
    }

    @Test
    void tamperedArtifactMatchesNoAttestation() throws Exception {
        EvidenceBundle bundle = p.sign(p.builder, p.provenance(), "x.json");
        Files.writeString(p.artifact, "a different artifact\n");
        failsAlone(p.evaluate(policy, "build", bundle), "provenance.signers", "statement subject digest");
    }

    @Test
    void missingPreviousStageVsaFailsItsRule() throws Exception {
        PromotionVerdict verdict = p.evaluate(policy, "staging", p.sign(p.tester, p.testResult(), "tests.json"));
        failsAlone(verdict, "previous-stage-vsa", "no VSA of stage build");
        assertThat(statuses(verdict)).containsEntry("tests.signers", RuleResult.Status.PASS);
    }

    @Test
    void vsaChainPromotesThroughBuildStagingAndProduction() throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        EvidenceBundle buildVsa = p.write(VerificationSummary.issue(build, p.buildGate, "pkg:maven/com.acme/app@1.4.2"), "build.vsa.json");

        PromotionVerdict staging = p.evaluate(policy, "staging", buildVsa, p.sign(p.tester, p.testResult(), "tests.json"));
        assertThat(staging.passed()).as(staging.rules().toString()).isTrue();
        assertThat(staging.rules()).extracting(RuleResult::rule).containsExactly("previous-stage-vsa", "tests.signers",
                "tests.predicate-type");
        EvidenceBundle stagingVsa = p.write(VerificationSummary.issue(staging, p.stagingGate, null), "staging.vsa.json");

        PromotionVerdict production = p.evaluate(policy, "production", stagingVsa);
        assertThat(production.passed()).as(production.rules().toString()).isTrue();
        // the build VSA is not the staging VSA production requires
        failsAlone(p.evaluate(policy, "production", buildVsa), "previous-stage-vsa", "no VSA of stage staging");
    }

    @Test
    void vsaFollowsVerificationSummaryV1AndVerifiesWithTheGateKey() throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        Bundle vsa = VerificationSummary.issue(build, p.buildGate, "pkg:maven/com.acme/app@1.4.2");

        VerificationResult verified = new BundleVerifier(TrustedRoot.publicGood()).verify(vsa, List.of(new Artifact.FileArtifact(p.artifact)),
                VerificationPolicy.ofKey(p.buildGate.publicKey()).withPredicateType(VerificationSummary.PREDICATE_TYPE));
        JsonNode predicate = verified.statement().orElseThrow().predicate();
        assertThat(predicate.path("verifier").path("id").asText()).isEqualTo("https://gate.acme.example/provenant");
        assertThat(predicate.path("timeVerified").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(predicate.path("resourceUri").asText()).isEqualTo("pkg:maven/com.acme/app@1.4.2");
        assertThat(predicate.path("policy").path("uri").asText()).isEqualTo("policy.yaml#build");
        assertThat(predicate.path("policy").path("digest").path("sha256").asText()).isEqualTo(policy.digest().hex());
        assertThat(predicate.path("inputAttestations").get(0).path("uri").asText()).endsWith("app.provenance.json");
        assertThat(predicate.path("inputAttestations").get(0).path("digest").path("sha256").asText())
                .isEqualTo(build.inputs().get(0).digest().hex());
        assertThat(predicate.path("verificationResult").asText()).isEqualTo("PASSED");
        assertThat(predicate.path("verifiedLevels").get(0).asText()).isEqualTo("SLSA_BUILD_LEVEL_2");
        assertThat(predicate.path("slsaVersion").asText()).isEqualTo("1.0");
        assertThat(verified.statement().orElseThrow().subject().get(0).name()).isEqualTo("app.jar");
    }

    @Test
    void tamperedVsaIsRefused() throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        Bundle vsa = VerificationSummary.issue(build, p.buildGate, null);
        ObjectNode statement = (ObjectNode) JsonCodec.mapper().readTree(vsa.dsseEnvelope().payloadBytes());
        ((ObjectNode) statement.path("predicate")).putArray("verifiedLevels").add("SLSA_BUILD_LEVEL_3");
        Envelope forged = Envelope.of(vsa.dsseEnvelope().payloadType(), JsonCodec.write(statement), vsa.dsseEnvelope().signatures());
        EvidenceBundle tampered = p.write(Bundle.ofEnvelope(vsa.verificationMaterial(), forged), "build.vsa.json");

        failsAlone(p.evaluate(policy, "staging", tampered, p.sign(p.tester, p.testResult(), "tests.json")), "previous-stage-vsa",
                "signature");
    }

    /** A VSA signed by the right gate key whose one claim is edited; every other rule of the stage still passes. */
    private PromotionVerdict stagingWithEditedVsa(Consumer<ObjectNode> edit) throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        Statement issued = VerificationSummary.statement(build, null);
        ObjectNode predicate = issued.predicate().deepCopy();
        edit.accept(predicate);
        EvidenceBundle vsa = p.sign(p.buildGate, Statement.of(issued.subject(), issued.predicateType(), predicate), "build.vsa.json");
        return p.evaluate(policy, "staging", vsa, p.sign(p.tester, p.testResult(), "tests.json"));
    }

    @Test
    void vsaClaimsAreEachCheckedAlone() throws Exception {
        assertThat(stagingWithEditedVsa(pr -> {}).passed()).isTrue();
        failsAlone(stagingWithEditedVsa(pr -> pr.put("verificationResult", "FAILED")), "previous-stage-vsa",
                "verificationResult is FAILED, not PASSED");
        failsAlone(stagingWithEditedVsa(pr -> pr.remove("verificationResult")), "previous-stage-vsa",
                "verificationResult is (none), not PASSED");
        failsAlone(stagingWithEditedVsa(pr -> pr.putObject("verifier").put("id", "https://other.example/gate")),
                "previous-stage-vsa", "verifier.id is https://other.example/gate");
        failsAlone(stagingWithEditedVsa(pr -> pr.putObject("policy").put("uri", "policy.yaml#staging")), "previous-stage-vsa",
                "policy.uri is policy.yaml#staging, expected policy.yaml#build");
        failsAlone(stagingWithEditedVsa(pr -> pr.putArray("verifiedLevels")), "previous-stage-vsa",
                "verifiedLevels lacks SLSA_BUILD_LEVEL_2");
        failsAlone(stagingWithEditedVsa(pr -> pr.put("timeVerified", "yesterday")), "previous-stage-vsa",
                "timeVerified is not an RFC 3339 time");
    }

    @Test
    void vsaClaimOfAnotherJsonTypeIsMalformedNotConverted() throws Exception {
        // a number that reads as the text PASSED, or a level list given as one string, is no claim at all
        failsAlone(stagingWithEditedVsa(pr -> pr.putArray("verificationResult").add("PASSED")), "previous-stage-vsa",
                "the VSA predicate is malformed: verificationResult is not a string");
        failsAlone(stagingWithEditedVsa(pr -> pr.put("verifiedLevels", "SLSA_BUILD_LEVEL_2")), "previous-stage-vsa",
                "the VSA predicate is malformed: verifiedLevels is not an array");
        failsAlone(stagingWithEditedVsa(pr -> pr.put("verifier", "https://gate.acme.example/provenant")), "previous-stage-vsa",
                "the VSA predicate is malformed: verifier is not an object");
    }

    @Test
    void vsaSignedByAnotherKeyIsRefused() throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        // build's verdict, signed as if it were the VSA of a stage whose gate key is the builder's
        Statement statement = VerificationSummary.statement(build, null);
        EvidenceBundle wrongKey = p.sign(p.builder, statement, "build.vsa.json");

        failsAlone(p.evaluate(policy, "staging", wrongKey, p.sign(p.tester, p.testResult(), "tests.json")), "previous-stage-vsa",
                "does not verify");
    }

    @Test
    void issuingWithAKeyOtherThanTheGateKeyIsRefused() throws Exception {
        PromotionVerdict build = p.evaluate(policy, "build", p.sign(p.builder, p.provenance(), "app.provenance.json"));
        assertThatThrownBy(() -> VerificationSummary.issue(build, p.stagingGate, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the gate-key of stage build");
    }

    @Test
    void failedVerdictIssuesNoVsa() throws Exception {
        PromotionVerdict failed = p.evaluate(policy, "build", p.sign(p.tester, p.provenance(), "x.json"));
        assertThatThrownBy(() -> VerificationSummary.issue(failed, p.buildGate, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void staleVsaFailsThePreviousStageVsaRule() throws Exception {
        Instant lastWeek = Instant.parse("2026-11-20T12:00:00Z");
        PromotionGate then = p.gate(lastWeek);
        List<Artifact> artifacts = List.of(new Artifact.FileArtifact(p.artifact));
        PromotionVerdict build = then.evaluate(policy, "build", List.of(p.sign(p.builder, p.provenance("refs/tags/v1.4.2",
                Pipeline.goodDependencies(), Instant.parse("2026-11-20T11:00:00Z"), j -> {}), "old.json")), artifacts);
        EvidenceBundle buildVsa = p.write(VerificationSummary.issue(build, p.buildGate, null), "build.vsa.json");
        PromotionVerdict staging = then.evaluate(policy, "staging", List.of(buildVsa, p.sign(p.tester, p.testResult(), "tests.json")),
                artifacts);
        EvidenceBundle stagingVsa = p.write(VerificationSummary.issue(staging, p.stagingGate, null), "staging.vsa.json");

        failsAlone(p.evaluate(policy, "production", stagingVsa), "previous-stage-vsa", "verified 7d ago, more than the 2d allowed");
    }

    @Test
    void unknownStageIsAUsageError() {
        assertThatThrownBy(() -> p.evaluate(policy, "qa")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no stage 'qa' (stages: build, staging, production)");
    }

    @Test
    void messageSignaturesAreNotEvidence() throws Exception {
        Bundle signature = new dev.provenant.signer.bundle.BundleSigner(p.builder, new ArtifactDigester()).signArtifact(p.artifact);
        failsAlone(p.evaluate(policy, "build", p.write(signature, "app.jar.sigstore.json")), "provenance.signers",
                "a message signature, not an attestation");
    }
}
