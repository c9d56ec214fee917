package dev.provenant.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.SetupException;
import dev.provenant.policy.PolicyException;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.file.KeyPairFiles;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade end to end with keys made here: sign, verify, generate and verify provenance, attestations
 * and a promotion gate; and each way the evidence can fail, failing with the check that names it.
 */
class ProvenantTest {
    static final Map<String, String> ENV = Map.of("PROVENANT_PASSWORD", "test-passphrase");
    static final Map<String, String> GITHUB = Fixtures.GITHUB_RELEASE_JOB;
    static final String BUILDER = Fixtures.BUILDER;

    @TempDir
    static Path dir;

    static Path key;
    static Path pub;
    static Path otherPub;
    static Path artifact;
    static Path bundle;
    static Path provenanceBundle;

    @BeforeAll
    static void signOnce() throws Exception {
        KeyPairFiles.Written release = KeyPairFiles.generate(KeyType.ECDSA_P256, dir.resolve("release").toString(),
                "test-passphrase".toCharArray(), false);
        key = release.privateKey();
        pub = release.publicKey();
        otherPub = KeyPairFiles.generate(KeyType.ECDSA_P256, dir.resolve("other").toString(), new char[0], false).publicKey();
        artifact = Files.writeString(dir.resolve("app.jar"), "my build output\n");
        bundle = dir.resolve("app.jar.sigstore.json");
        Provenant.sign(artifact, signWithKey()).writeTo(bundle);
        ProvenanceStatement provenance = Provenant.provenance(List.of(artifact),
                ProvenanceOptions.builder().environment(GITHUB).workingDirectory(dir).build());
        provenanceBundle = dir.resolve("app.provenance.sigstore.json");
        Provenant.attest(provenance, signWithKey()).writeTo(provenanceBundle);
    }

    static SignOptions signWithKey() {
        return SignOptions.withKey(key.toString()).environment(ENV).build();
    }

    static VerifyOptions byKey(Path publicKey) {
        return VerifyOptions.builder().publicKey(publicKey).environment(Map.of()).build();
    }

    static void assertFails(Check check, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(check));
    }

    static JsonNode json(String text) throws Exception {
        return JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8), "result");
    }

    @Test
    void aSignedArtifactVerifiesWithItsKeyAndTheResultRendersItsJson() throws Exception {
        BundleVerification result = Provenant.verify(artifact, bundle, byKey(pub));
        assertThat(result.signer()).startsWith("key sha256:");
        assertThat(result.checks()).contains(Check.SIGNATURE, Check.ARTIFACT_DIGEST);
        JsonNode json = json(result.toJson());
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("content").asText()).isEqualTo("message-signature");
        assertThat(json.get("artifacts").get(0).asText()).isEqualTo(result.artifacts().get(0)).startsWith("sha256:");
        assertThat(json.has("ok")).isFalse();
    }

    @Test
    void theSignedBundleSaysWhatItSigned() throws Exception {
        SignedBundle signed = Provenant.sign(artifact, signWithKey());
        assertThat(signed.digest()).hasValue(Provenant.verify(artifact, bundle, byKey(pub)).artifacts().get(0));
        JsonNode json = json(signed.toJson());
        assertThat(json.get("content").asText()).isEqualTo("message-signature");
        assertThat(json.has("keyless")).isFalse();
    }

    @Test
    void aTamperedArtifactFailsTheArtifactDigestCheck() throws Exception {
        Path tampered = Files.writeString(dir.resolve("tampered.jar"), "my build output, changed\n");
        assertFails(Check.ARTIFACT_DIGEST, () -> Provenant.verify(tampered, bundle, byKey(pub)));
    }

    @Test
    void anotherKeyFailsTheSignatureCheck() {
        assertThatThrownBy(() -> Provenant.verify(artifact, bundle, byKey(otherPub))).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isIn(Check.SIGNATURE, Check.KEY));
    }

    @Test
    void aBundleThatDoesNotParseFailsTheBundleFormatCheck() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.sigstore.json"), "{\"mediaType\": 1}");
        assertFails(Check.BUNDLE_FORMAT, () -> Provenant.verify(artifact, broken, byKey(pub)));
    }

    @Test
    void aKeyAndAnIdentityTogetherAreRefusedNamingTheBuilderMethods() {
        VerifyOptions both = VerifyOptions.builder().publicKey(pub).certificateIdentity("a@example.test")
                .certificateOidcIssuer("https://issuer.example.test").build();
        assertThatThrownBy(() -> Provenant.verify(artifact, bundle, both)).isInstanceOf(SetupException.class)
                .hasMessageContaining("publicKey(..)").hasMessageContaining("certificateIdentity(..)");
        assertThatThrownBy(() -> Provenant.verify(artifact, bundle, VerifyOptions.builder().build()))
                .isInstanceOf(SetupException.class).hasMessageStartingWith("say who must have signed");
    }

    @Test
    void aKeyWithoutItsPassphraseIsRefused() {
        assertThatThrownBy(() -> Provenant.sign(artifact, SignOptions.withKey(key.toString()).environment(Map.of()).build()))
                .isInstanceOf(KeyReferenceException.class);
    }

    @Test
    void generatedProvenanceVerifiesAgainstItsSourceBuilderAndTag() throws Exception {
        ProvenanceVerification result = Provenant.verifyProvenance(List.of(artifact), provenanceBundle,
                ExpectedProvenance.source("github.com/acme/app").builderId(BUILDER).sourceTag("v1.4.2").build(), byKey(pub));
        assertThat(result.builderId()).isEqualTo(BUILDER + "@refs/tags/v1.4.2");
        assertThat(result.ref()).hasValue("refs/tags/v1.4.2");
        assertThat(result.signerConsistencyChecked()).isFalse();
        JsonNode json = json(result.toJson());
        assertThat(json.get("builderId").asText()).isEqualTo(result.builderId());
        assertThat(json.get("checked").size()).isEqualTo(result.checked().size()).isPositive();
    }

    @Test
    void provenanceFromAnotherSourceOrTagFailsItsOwnCheck() {
        assertFails(Check.PROVENANCE_SOURCE, () -> Provenant.verifyProvenance(List.of(artifact), provenanceBundle,
                ExpectedProvenance.source("github.com/acme/other").build(), byKey(pub)));
        assertFails(Check.PROVENANCE_REF, () -> Provenant.verifyProvenance(List.of(artifact), provenanceBundle,
                ExpectedProvenance.source("github.com/acme/app").sourceTag("v9.9.9").build(), byKey(pub)));
        assertFails(Check.PROVENANCE_BUILDER, () -> Provenant.verifyProvenance(List.of(artifact), provenanceBundle,
                ExpectedProvenance.source("github.com/acme/app").builderId("https://github.com/acme/app/.github/workflows/other.yml")
                        .build(), byKey(pub)));
    }

    @Test
    void anAttestationVerifiesWithItsPredicateTypeAndFailsWithAnother() throws Exception {
        BundleVerification result = Provenant.verifyAttestation(List.of(artifact), provenanceBundle,
                "https://slsa.dev/provenance/v1", byKey(pub));
        assertThat(result.predicateType()).hasValue("https://slsa.dev/provenance/v1");
        assertThat(json(result.toJson()).get("content").asText()).isEqualTo("dsse");
        assertFails(Check.PREDICATE_TYPE, () -> Provenant.verifyAttestation(List.of(artifact), provenanceBundle,
                "https://in-toto.io/attestation/test-result/v0.1", byKey(pub)));
        // a message signature is no attestation
        assertFails(Check.STATEMENT, () -> Provenant.verifyAttestation(List.of(artifact), bundle, null, byKey(pub)));
    }

    @Test
    void anArtifactThatIsNoSubjectOfTheAttestationFailsTheSubjectCheck() throws Exception {
        Path other = Files.writeString(dir.resolve("other.jar"), "another artifact\n");
        assertFails(Check.SUBJECT_DIGEST, () -> Provenant.verifyAttestation(List.of(other), provenanceBundle, null, byKey(pub)));
    }

    static Path policy(String sourceUri) throws Exception {
        return Files.writeString(dir.resolve("policy-" + Math.abs(sourceUri.hashCode()) + ".yaml"), Fixtures.policy(sourceUri));
    }

    @Test
    void theGatePromotesWhenEveryRuleHoldsAndRefusesOtherwise() throws Exception {
        GateDecision passed = Provenant.promote(GateOptions.policy(policy("github.com/acme/app"), "build")
                .bundle(provenanceBundle).artifact(artifact).environment(Map.of()).build());
        assertThat(passed.passed()).as(passed.rules().toString()).isTrue();
        assertThat(json(passed.toJson()).get("passed").asBoolean()).isTrue();

        GateDecision refused = Provenant.promote(GateOptions.policy(policy("github.com/acme/other"), "build")
                .bundle(provenanceBundle).artifact(artifact).environment(Map.of()).build());
        assertThat(refused.passed()).isFalse();
        assertThat(refused.firstFailure()).hasValueSatisfying(f -> assertThat(f).contains("github.com/acme/other"));
        assertThat(json(refused.toJson()).get("passed").asBoolean()).isFalse();
    }

    @Test
    void aPassedPromotionsVsaIsSignedWithTheGateKeyAndVerifiesAsAnAttestation() throws Exception {
        GateDecision passed = Provenant.promote(GateOptions.policy(policy("github.com/acme/app"), "build")
                .bundle(provenanceBundle).artifact(artifact).environment(Map.of()).build());
        Path vsa = dir.resolve("app.jar.build.vsa.sigstore.json");
        Provenant.issueVsa(passed, signWithKey(), "pkg:maven/acme/app@1.4.2").writeTo(vsa);
        BundleVerification verified = Provenant.verifyAttestation(List.of(artifact), vsa,
                "https://slsa.dev/verification_summary/v1", byKey(pub));
        JsonNode statement = json(verified.statementJson().orElseThrow());
        assertThat(statement.at("/predicate/verificationResult").asText()).isEqualTo("PASSED");
        assertThat(statement.at("/predicate/resourceUri").asText()).isEqualTo("pkg:maven/acme/app@1.4.2");
    }

    @Test
    void noVsaForARefusedPromotionNorWithAKeyOtherThanTheGateKey() throws Exception {
        GateDecision refused = Provenant.promote(GateOptions.policy(policy("github.com/acme/other"), "build")
                .bundle(provenanceBundle).artifact(artifact).environment(Map.of()).build());
        assertThatThrownBy(() -> Provenant.issueVsa(refused, signWithKey(), null)).isInstanceOf(SetupException.class)
                .hasMessageContaining("was refused");
        GateDecision passed = Provenant.promote(GateOptions.policy(policy("github.com/acme/app"), "build")
                .bundle(provenanceBundle).artifact(artifact).environment(Map.of()).build());
        SignOptions otherKey = SignOptions.withKey(dir.resolve("other.key").toString()).environment(Map.of()).build();
        assertThatThrownBy(() -> Provenant.issueVsa(passed, otherKey, null)).isInstanceOf(SetupException.class)
                .hasMessageContaining("is not the gate-key of stage build");
    }

    @Test
    void anUnknownStageOrAnUnusablePolicyIsRefusedBeforeAnyVerdict() throws Exception {
        assertThatThrownBy(() -> Provenant.promote(GateOptions.policy(policy("github.com/acme/app"), "production")
                .bundle(provenanceBundle).artifact(artifact).build())).isInstanceOf(SetupException.class)
                .hasMessageContaining("no stage 'production'");
        Path bad = Files.writeString(dir.resolve("bad-policy.yaml"), "apiVersion: provenant.dev/policy/v1\nstages: 3\n");
        assertThatThrownBy(() -> Provenant.promote(GateOptions.policy(bad, "build").bundle(provenanceBundle).artifact(artifact).build()))
                .isInstanceOf(PolicyException.class);
    }
}
