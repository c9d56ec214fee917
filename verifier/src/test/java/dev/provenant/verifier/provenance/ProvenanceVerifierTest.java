package dev.provenant.verifier.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.ci.GitHubActionsDetector;
import dev.provenant.attest.ci.GitLabCiDetector;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.identity.FulcioExtension;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.attest.crypto.PemPublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each expectation on provenance made by Provenant's own generator (GitHub Actions and GitLab
 * environments) and signed with a test key: it holds when it should, and each negative case fails
 * with its own check, so deleting a check makes its negative test fail.
 */
class ProvenanceVerifierTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.4.2";

    @TempDir
    Path dir;

    Path artifact;
    Signer signer;
    BundleVerifier verifier;
    final ProvenanceVerifier provenance = new ProvenanceVerifier();

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "the artifact");
        signer = new FileKeyProvider().open(KEYS.resolve("ec-p256-sec1.pem").toString(), new SecretSource(Map.of(), "X", null));
        verifier = new BundleVerifier(TrustedRoot.publicGood());
    }

    static Map<String, String> github(String ref) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/app");
        env.put("GITHUB_REF", ref);
        env.put("GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@" + ref);
        env.put("GITHUB_SHA", SHA);
        env.put("GITHUB_RUN_ID", "42");
        env.put("GITHUB_EVENT_NAME", "push");
        return env;
    }

    static Map<String, String> gitlab() {
        return Map.of("GITLAB_CI", "true", "CI_SERVER_URL", "https://gitlab.example.com", "CI_PROJECT_PATH", "group/lib",
                "CI_PROJECT_URL", "https://gitlab.example.com/group/lib", "CI_COMMIT_BRANCH", "main", "CI_COMMIT_SHA", SHA,
                "CI_RUNNER_ID", "7", "CI_JOB_URL", "https://gitlab.example.com/group/lib/-/jobs/9");
    }

    /** Provenance as `provenant provenance` writes it in the given CI environment, optionally edited. */
    Statement generated(Map<String, String> env, Consumer<ObjectNode> edit) throws Exception {
        var detection = new CiDetection(List.of(new GitHubActionsDetector(), new GitLabCiDetector()));
        var build = detection.detect(new Environment(env), dir);
        var subject = ResourceDescriptor.of("app.jar", new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256));
        Statement statement = new ProvenanceGenerator().generate(List.of(subject), build, List.of(),
                ProvenanceGenerator.Overrides.none(), Instant.parse("2026-11-27T10:00:00Z"));
        ObjectNode json = (ObjectNode) JsonCodec.mapper().valueToTree(statement);
        edit.accept(json);
        return Statement.parse(JsonCodec.write(json));
    }

    /** Signs the statement and verifies the bundle as verify-provenance does before the expectations. */
    VerificationResult signedAndVerified(Statement statement) throws Exception {
        var bundle = new BundleSigner(signer, new ArtifactDigester()).attest(statement);
        return verifier.verify(bundle, List.of(new Artifact.FileArtifact(artifact)), VerificationPolicy.ofKey(
                PemPublicKeys.parse(Files.readString(KEYS.resolve("ec-p256.pub")))));
    }

    VerificationResult githubResult(String ref) throws Exception {
        return signedAndVerified(generated(github(ref), j -> {}));
    }

    static ProvenanceExpectations expect(String source, String builder, RefExpectation ref, String buildType, Map<String, String> in) {
        return ProvenanceExpectations.of(source, builder, ref, buildType, in);
    }

    static ProvenanceExpectations source(String source) {
        return expect(source, null, null, null, Map.of());
    }

    void assertFails(Check check, VerificationResult result, ProvenanceExpectations e) {
        assertThatThrownBy(() -> provenance.verify(result, e)).isInstanceOf(VerificationException.class)
                .satisfies(x -> assertThat(((VerificationException) x).check()).as(x.getMessage()).isEqualTo(check))
                .satisfies(x -> assertThat(x.getMessage()).doesNotContain("\n"));
    }

    @Test
    void githubProvenanceMeetsEveryExpectationItStates() throws Exception {
        VerificationResult r = githubResult("refs/tags/v1.4.2");
        VerifiedProvenance v = provenance.verify(r, expect("github.com/acme/app", WORKFLOW, RefExpectation.tag("v1.4.2"),
                GitHubActionsDetector.BUILD_TYPE, Map.of()));
        assertThat(v.provenance().builderId()).isEqualTo(WORKFLOW);
        assertThat(v.provenance().commit()).contains(SHA);
        assertThat(v.checked()).contains("builder " + WORKFLOW, "source https://github.com/acme/app",
                "ref refs/tags/v1.4.2 (tag v1.4.2)", "build type " + GitHubActionsDetector.BUILD_TYPE);
        assertThat(v.signerChecked()).isFalse();
    }

    @Test
    void sourceUriIsComparedNormalized() throws Exception {
        VerificationResult r = githubResult("refs/heads/main");
        for (String same : new String[] {"github.com/acme/app", "https://github.com/acme/app", "git+https://github.com/acme/app",
            "https://GitHub.com/acme/app.git", "https://github.com/acme/app/"}) {
            assertThat(provenance.verify(r, source(same)).checked()).as(same).contains("source https://github.com/acme/app");
        }
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/acme/other"));
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/acme/app-fork"));
        // the path is case-sensitive, as slsa-verifier compares it
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/Acme/App"));
        assertFails(Check.PROVENANCE_SOURCE, r, source("https://gitlab.com/acme/app"));
    }

    @Test
    void everyStatedSourceMustMatchNotJustTheFirst() throws Exception {
        // The workflow repository is right but the checked-out dependency is another repository.
        VerificationResult r = signedAndVerified(generated(github("refs/heads/main"), j -> ((ObjectNode) j.at(
                "/predicate/buildDefinition/resolvedDependencies/0")).put("uri", "git+https://github.com/evil/app@refs/heads/main")));
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/acme/app"));
    }

    @Test
    void builderIdWithoutVersionMatchesAnyVersionWithVersionOnlyThatOne() throws Exception {
        VerificationResult r = githubResult("refs/tags/v1.4.2");
        String name = "https://github.com/acme/app/.github/workflows/release.yml";
        assertThat(provenance.verify(r, expect("github.com/acme/app", name, null, null, Map.of())).checked())
                .contains("builder " + WORKFLOW);
        // a tag may be given without refs/tags/, as slsa-verifier allows
        provenance.verify(r, expect("github.com/acme/app", name + "@v1.4.2", null, null, Map.of()));
        assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app", name + "@refs/tags/v1.4.3", null, null, Map.of()));
        assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app",
                "https://github.com/acme/app/.github/workflows/other.yml", null, null, Map.of()));
        // a prefix of the name is not the name
        assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app", "https://github.com/acme/app", null, null, Map.of()));
    }

    @Test
    void tagAndBranchAreMatchedExactly() throws Exception {
        VerificationResult tag = githubResult("refs/tags/v1.4.2");
        provenance.verify(tag, expect("github.com/acme/app", null, RefExpectation.tag("v1.4.2"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, tag, expect("github.com/acme/app", null, RefExpectation.tag("v1.4"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, tag, expect("github.com/acme/app", null, RefExpectation.branch("v1.4.2"), null, Map.of()));
        VerificationResult branch = githubResult("refs/heads/main");
        provenance.verify(branch, expect("github.com/acme/app", null, RefExpectation.branch("main"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, branch, expect("github.com/acme/app", null, RefExpectation.branch("dev"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, branch, expect("github.com/acme/app", null, RefExpectation.tag("main"), null, Map.of()));
    }

    @Test
    void versionedTagMatchesASemverPrefix() throws Exception {
        VerificationResult r = githubResult("refs/tags/v1.4.2");
        for (String ok : new String[] {"v1", "v1.4", "v1.4.2", "v1.4.2+build7"}) {
            provenance.verify(r, expect("github.com/acme/app", null, RefExpectation.versionedTag(ok), null, Map.of()));
        }
        for (String bad : new String[] {"v2", "v1.5", "v1.4.3", "v1.4.2-rc1", "v0"}) {
            assertFails(Check.PROVENANCE_REF, r, expect("github.com/acme/app", null, RefExpectation.versionedTag(bad), null, Map.of()));
        }
        assertFails(Check.PROVENANCE_REF, githubResult("refs/tags/release-7"),
                expect("github.com/acme/app", null, RefExpectation.versionedTag("v1"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, githubResult("refs/heads/v1.4.2"),
                expect("github.com/acme/app", null, RefExpectation.versionedTag("v1"), null, Map.of()));
        assertThatThrownBy(() -> RefExpectation.versionedTag("1.4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildTypeIsMatchedExactly() throws Exception {
        VerificationResult r = githubResult("refs/heads/main");
        provenance.verify(r, expect("github.com/acme/app", null, null, GitHubActionsDetector.BUILD_TYPE, Map.of()));
        assertFails(Check.PROVENANCE_BUILD_TYPE, r, expect("github.com/acme/app", null, null, GitLabCiDetector.BUILD_TYPE, Map.of()));
    }

    @Test
    void workflowInputsMustAllBeRecordedWithTheseValues() throws Exception {
        // Provenant's GitHub detector does not see workflow_dispatch inputs; slsa-github-generator records
        // them as externalParameters.inputs, so they are added here the way it writes them.
        VerificationResult r = signedAndVerified(generated(github("refs/heads/main"), j -> {
            ObjectNode inputs = ((ObjectNode) j.at("/predicate/buildDefinition/externalParameters")).putObject("inputs");
            inputs.put("release", "true");
            inputs.put("channel", "stable");
        }));
        assertThat(provenance.verify(r, expect("github.com/acme/app", null, null, null, Map.of("release", "true", "channel", "stable")))
                .checked()).contains("input release=true", "input channel=stable");
        assertFails(Check.PROVENANCE_INPUTS, r, expect("github.com/acme/app", null, null, null, Map.of("channel", "beta")));
        assertFails(Check.PROVENANCE_INPUTS, r, expect("github.com/acme/app", null, null, null, Map.of("missing", "x")));
        assertFails(Check.PROVENANCE_INPUTS, githubResult("refs/heads/main"),
                expect("github.com/acme/app", null, null, null, Map.of("release", "true")));
    }

    @Test
    void gitlabProvenanceReadsProvenantsSourceParameters() throws Exception {
        VerificationResult r = signedAndVerified(generated(gitlab(), j -> {}));
        String runner = "https://gitlab.example.com/group/lib/-/runners/7";
        VerifiedProvenance v = provenance.verify(r, expect("https://gitlab.example.com/group/lib", runner, RefExpectation.branch("main"),
                GitLabCiDetector.BUILD_TYPE, Map.of()));
        assertThat(v.checked()).contains("builder " + runner, "source https://gitlab.example.com/group/lib");
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/group/lib"));
        assertFails(Check.PROVENANCE_REF, r, expect("https://gitlab.example.com/group/lib", null, RefExpectation.branch("dev"), null,
                Map.of()));
        assertFails(Check.PROVENANCE_BUILDER, r, expect("https://gitlab.example.com/group/lib",
                "https://gitlab.example.com/group/lib/-/runners/8", null, null, Map.of()));
        assertFails(Check.PROVENANCE_BUILD_TYPE, r, expect("https://gitlab.example.com/group/lib", null, null,
                GitHubActionsDetector.BUILD_TYPE, Map.of()));
    }

    @Test
    void otherPredicatesAreNotProvenance() throws Exception {
        Statement other = Statement.of(List.of(ResourceDescriptor.of("app.jar", new ArtifactDigester().digest(artifact,
                DigestAlgorithm.SHA256))), "https://example.com/test/v1", JsonCodec.mapper().createObjectNode());
        assertFails(Check.PREDICATE_TYPE, signedAndVerified(other), source("github.com/acme/app"));
    }

    @Test
    void slsaV02IsReadFromConfigSourceAndMaterials() throws Exception {
        String generator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
                + "@refs/tags/v1.9.0";
        ObjectNode predicate = JsonCodec.mapper().createObjectNode();
        predicate.putObject("builder").put("id", generator);
        predicate.put("buildType", "https://github.com/slsa-framework/slsa-github-generator/generic@v1");
        ObjectNode invocation = predicate.putObject("invocation");
        ObjectNode config = invocation.putObject("configSource");
        config.put("uri", "git+https://github.com/acme/app@refs/tags/v2.0.1");
        config.putObject("digest").put("sha1", SHA);
        config.put("entryPoint", ".github/workflows/release.yml");
        invocation.putObject("environment").putObject("github_event_payload").putObject("inputs").put("release", "true");
        ObjectNode material = predicate.putArray("materials").addObject();
        material.put("uri", "git+https://github.com/acme/app@refs/tags/v2.0.1");
        material.putObject("digest").put("sha1", SHA);
        Statement v02 = Statement.of(List.of(ResourceDescriptor.of("app.jar", new ArtifactDigester().digest(artifact,
                DigestAlgorithm.SHA256))), ProvenanceReader.V02, predicate);
        VerificationResult r = signedAndVerified(v02);

        VerifiedProvenance v = provenance.verify(r, expect("github.com/acme/app", generator.substring(0, generator.indexOf('@')),
                RefExpectation.versionedTag("v2.0"), "https://github.com/slsa-framework/slsa-github-generator/generic@v1",
                Map.of("release", "true")));
        assertThat(v.provenance().predicateType()).isEqualTo(ProvenanceReader.V02);
        assertThat(v.provenance().commit()).contains(SHA);
        assertFails(Check.PROVENANCE_SOURCE, r, source("github.com/acme/other"));
        assertFails(Check.PROVENANCE_REF, r, expect("github.com/acme/app", null, RefExpectation.tag("v2.0.0"), null, Map.of()));
        assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app", generator.replace("v1.9.0", "v1.10.0"), null, null,
                Map.of()));
        assertFails(Check.PROVENANCE_INPUTS, r, expect("github.com/acme/app", null, null, null, Map.of("release", "false")));
    }

    // --- keyless: the certificate's signer against the provenance's builder and source -------------

    static CertificateIdentity githubCertificate(String workflow, String repository, String ref, String sha) {
        Map<FulcioExtension, String> ext = new HashMap<>();
        ext.put(FulcioExtension.ISSUER, SignerConsistency.GITHUB_ISSUER);
        ext.put(FulcioExtension.BUILD_SIGNER_URI, workflow);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, repository);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_REF, ref);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, sha);
        return new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, workflow)), ext);
    }

    /** The same verified provenance as if its bundle had been signed by this certified identity. */
    static VerificationResult keyless(VerificationResult r, CertificateIdentity identity) {
        return new VerificationResult(r.bundleVersion(), r.content(), r.algorithm(), r.keyFingerprint(),
                Optional.of(new VerificationResult.CertifiedSigner(identity, "test CA", 1)), r.artifacts(), r.statement(),
                r.tlogEntries(), r.timestamps(), r.checks());
    }

    @Test
    void githubAttestationsAreSignedByTheirBuilderWorkflow() throws Exception {
        VerificationResult r = githubResult("refs/tags/v1.4.2");
        VerifiedProvenance v = provenance.verify(keyless(r, githubCertificate(WORKFLOW, "https://github.com/acme/app",
                "refs/tags/v1.4.2", SHA)), source("github.com/acme/app"));
        assertThat(v.signerChecked()).isTrue();
        // another workflow vouching for this builder is hearsay, even when the builder expectation holds
        String other = "https://github.com/acme/app/.github/workflows/other.yml@refs/tags/v1.4.2";
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(other, "https://github.com/acme/app", "refs/tags/v1.4.2",
                SHA)), expect("github.com/acme/app", WORKFLOW, null, null, Map.of()));
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(WORKFLOW.replace("v1.4.2", "v1.4.1"),
                "https://github.com/acme/app", "refs/tags/v1.4.2", SHA)), source("github.com/acme/app"));
    }

    @Test
    void theCertifiedSourceRefAndCommitMustBeTheProvenances() throws Exception {
        VerificationResult r = githubResult("refs/tags/v1.4.2");
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(WORKFLOW, "https://github.com/acme/fork",
                "refs/tags/v1.4.2", SHA)), source("github.com/acme/app"));
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(WORKFLOW, "https://github.com/acme/app",
                "refs/heads/main", SHA)), source("github.com/acme/app"));
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(WORKFLOW, "https://github.com/acme/app",
                "refs/tags/v1.4.2", "f".repeat(40))), source("github.com/acme/app"));
    }

    @Test
    void reusableWorkflowBuildersAreTheSignerAtATag() throws Exception {
        // slsa-github-generator: the caller's repository is certified as the source, the generator's
        // reusable workflow is the SAN, and builder.id is that same workflow at its release tag.
        String generator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml";
        VerificationResult r = signedAndVerified(generated(github("refs/tags/v1.4.2"), j -> ((ObjectNode) j.at(
                "/predicate/runDetails/builder")).put("id", generator + "@refs/tags/v1.9.0")));
        provenance.verify(keyless(r, githubCertificate(generator + "@refs/tags/v1.9.0", "https://github.com/acme/app",
                "refs/tags/v1.4.2", SHA)), expect("github.com/acme/app", generator + "@v1.9.0", null, null, Map.of()));
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, githubCertificate(WORKFLOW, "https://github.com/acme/app",
                "refs/tags/v1.4.2", SHA)), expect("github.com/acme/app", generator, null, null, Map.of()));
    }

    @Test
    void delegatorSignedProvenanceNeedsAnExplicitBuilder() throws Exception {
        String delegator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_generic_slsa3.yml"
                + "@refs/tags/v1.9.0";
        String tool = "https://github.com/acme/builder/.github/workflows/builder_slsa3.yml@refs/tags/v0.3.0";
        VerificationResult r = keyless(signedAndVerified(generated(github("refs/tags/v1.4.2"), j -> ((ObjectNode) j.at(
                "/predicate/runDetails/builder")).put("id", tool))), githubCertificate(delegator, "https://github.com/acme/app",
                "refs/tags/v1.4.2", SHA));
        provenance.verify(r, expect("github.com/acme/app", tool, null, null, Map.of()));
        assertFails(Check.PROVENANCE_SIGNER, r, source("github.com/acme/app"));
        assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app", tool.replace("acme", "evil"), null, null, Map.of()));
    }

    @Test
    void nonGithubSignersAreHeldToTheSourceTheyCertify() throws Exception {
        VerificationResult r = signedAndVerified(generated(gitlab(), j -> {}));
        Map<FulcioExtension, String> ext = new HashMap<>();
        ext.put(FulcioExtension.ISSUER, "https://gitlab.example.com");
        ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, "https://gitlab.example.com/group/lib");
        ext.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/main");
        String san = "https://gitlab.example.com/group/lib//.gitlab-ci.yml@refs/heads/main";
        CertificateIdentity right = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, san)),
                ext);
        provenance.verify(keyless(r, right), source("https://gitlab.example.com/group/lib"));
        ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, "https://gitlab.example.com/group/other");
        CertificateIdentity wrong = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, san)),
                ext);
        assertFails(Check.PROVENANCE_SIGNER, keyless(r, wrong), source("https://gitlab.example.com/group/lib"));
    }

    @Test
    void expectationsRejectUnusableInput() {
        assertThatThrownBy(() -> source(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> expect("github.com/a/b", "x@y@z", null, null, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefExpectation.tag("")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * slsa-verifier's trusted-builder rules on keyless GitHub provenance, without external data: the
     * certificate {@link #githubCertificate} describes, on provenance whose builder.id is edited as each
     * builder writes it.
     */
    @Nested
    class TrustedBuilderRules {
        final String GEN = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
        final String GENERIC = GEN + "generator_generic_slsa3.yml";
        final String DELEGATOR = GEN + "delegator_lowperms-generic_slsa3.yml";
        final String MAVEN = GEN + "builder_maven_slsa3.yml";
        final String TOOL = "https://github.com/acme/builder/.github/workflows/builder_slsa3.yml";
        final String APP = "https://github.com/acme/app";

        final ProvenanceVerifier trusted = new ProvenanceVerifier(TrustedBuilders.builtIn());

        VerificationResult signedBy(String signer, String builderId) throws Exception {
            VerificationResult r = signedAndVerified(generated(github("refs/tags/v1.4.2"), j -> ((ObjectNode) j.at(
                    "/predicate/runDetails/builder")).put("id", builderId)));
            return keyless(r, githubCertificate(signer, APP, "refs/tags/v1.4.2", SHA));
        }

        void refused(ProvenanceVerifier v, VerificationResult r, ProvenanceExpectations e, String says) {
            assertThatThrownBy(() -> v.verify(r, e)).isInstanceOf(VerificationException.class)
                    .satisfies(x -> assertThat(((VerificationException) x).check()).as(x.getMessage()).isEqualTo(Check.PROVENANCE_SIGNER))
                    .hasMessageContaining(says);
        }

        @Test
        void aTrustedGeneratorAtAReleaseTagNeedsNoBuilderId() throws Exception {
            VerificationResult r = signedBy(GENERIC + "@refs/tags/v2.1.0", GENERIC + "@refs/tags/v2.1.0");
            VerifiedProvenance v = trusted.verify(r, source("github.com/acme/app"));
            assertThat(v.checked()).anyMatch(l -> l.contains("trusted generator"));
            trusted.verify(r, expect("github.com/acme/app", GENERIC + "@v2.1.0", null, null, Map.of()));
            // the builder the user names must be the one that built
            assertFails(Check.PROVENANCE_BUILDER, r, expect("github.com/acme/app", GEN + "not-trusted.yml", null, null, Map.of()));
        }

        @Test
        void anUntrustedWorkflowIsRefusedAndTheMessageNamesIt() throws Exception {
            String own = "https://github.com/acme/app/.github/workflows/release.yml";
            VerificationResult r = signedBy(own + "@refs/tags/v1.4.2", own + "@refs/tags/v1.4.2");
            refused(trusted, r, source("github.com/acme/app"), "--builder-id " + own);
            // the same provenance without the list (the library's default) is only held to its signer
            new ProvenanceVerifier().verify(r, source("github.com/acme/app"));
            // naming it trusts exactly that workflow (a workflow signing its own provenance)
            trusted.verify(r, expect("github.com/acme/app", own, null, null, Map.of()));
            trusted.verify(r, expect("github.com/acme/app", own + "@v1.4.2", null, null, Map.of()));
            // a look-alike of a trusted generator in another repository is not trusted
            String fork = "https://github.com/evil/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0";
            refused(trusted, signedBy(fork, fork), source("github.com/acme/app"), "not a trusted builder");
        }

        @Test
        void aTrustedGeneratorOffAReleaseTagIsRefused() throws Exception {
            for (String ref : new String[] {"refs/heads/main", "refs/tags/v2.1", "refs/tags/v2.1.0-rc.1", "refs/tags/2.1.0"}) {
                VerificationResult r = signedBy(GENERIC + "@" + ref, GENERIC + "@" + ref);
                refused(trusted, r, source("github.com/acme/app"), "not at a release tag");
            }
        }

        @Test
        void aGeneratorMustBeTheBuilderItSignsFor() throws Exception {
            refused(trusted, signedBy(GENERIC + "@refs/tags/v2.1.0", TOOL + "@refs/tags/v2.1.0"), source("github.com/acme/app"),
                    "is not the workflow that signed it");
        }

        @Test
        void delegatorsSignForTheirListedDelegatesOrTheNamedBuilder() throws Exception {
            VerificationResult maven = signedBy(DELEGATOR + "@refs/tags/v2.1.0", MAVEN + "@refs/tags/v2.1.0");
            assertThat(trusted.verify(maven, source("github.com/acme/app")).checked()).anyMatch(l -> l.contains("trusted delegator"));
            trusted.verify(maven, expect("github.com/acme/app", MAVEN + "@v2.1.0", null, null, Map.of()));
            assertFails(Check.PROVENANCE_BUILDER, maven, expect("github.com/acme/app", TOOL, null, null, Map.of()));

            VerificationResult tool = signedBy(DELEGATOR + "@refs/tags/v2.1.0", TOOL + "@refs/tags/v0.3.0");
            refused(trusted, tool, source("github.com/acme/app"), "--builder-id " + TOOL);
            trusted.verify(tool, expect("github.com/acme/app", TOOL, null, null, Map.of()));
            assertFails(Check.PROVENANCE_BUILDER, tool, expect("github.com/acme/app", TOOL.replace("acme", "evil"), null, null, Map.of()));
            // the delegated builder, too, must be at a release tag
            refused(trusted, signedBy(DELEGATOR + "@refs/tags/v2.1.0", TOOL + "@refs/heads/main"),
                    expect("github.com/acme/app", TOOL, null, null, Map.of()), "not at a release tag");
            refused(trusted, signedBy(DELEGATOR + "@refs/heads/main", MAVEN + "@refs/tags/v2.1.0"), source("github.com/acme/app"),
                    "not at a release tag");
        }

        TrustedBuilders file(String json) throws FormatException {
            return TrustedBuilders.load(json.getBytes(StandardCharsets.UTF_8), "builders.json", TrustedBuilders.builtIn());
        }

        @Test
        void aUserFileExtendsOrReplacesTheShippedList() throws Exception {
            String own = "https://github.com/acme/app/.github/workflows/release.yml";
            String entry = "{\"id\": \"" + own + "\", \"kind\": \"generator\"}";
            VerificationResult ownSigned = signedBy(own + "@refs/tags/v1.4.2", own + "@refs/tags/v1.4.2");
            VerificationResult generic = signedBy(GENERIC + "@refs/tags/v2.1.0", GENERIC + "@refs/tags/v2.1.0");

            TrustedBuilders extended = file("{\"version\": 1, \"mode\": \"extend\", \"builders\": [" + entry + "]}");
            new ProvenanceVerifier(extended).verify(ownSigned, source("github.com/acme/app"));
            new ProvenanceVerifier(extended).verify(generic, source("github.com/acme/app"));

            TrustedBuilders replaced = file("{\"version\": 1, \"mode\": \"replace\", \"builders\": [" + entry + "]}");
            new ProvenanceVerifier(replaced).verify(ownSigned, source("github.com/acme/app"));
            refused(new ProvenanceVerifier(replaced), generic, source("github.com/acme/app"), "not a trusted builder");
            // listed builders are trusted at release tags only, whoever lists them
            refused(new ProvenanceVerifier(extended), signedBy(own + "@refs/heads/main", own + "@refs/heads/main"),
                    source("github.com/acme/app"), "not at a release tag");
        }

        @Test
        void malformedFilesAreRefused() {
            String ok = "{\"id\": \"https://github.com/a/b/.github/workflows/c.yml\", \"kind\": \"generator\"}";
            for (String bad : new String[] {"[]", "{\"mode\": \"extend\", \"builders\": []}",
                "{\"version\": 2, \"mode\": \"extend\", \"builders\": []}", "{\"version\": 1, \"builders\": []}",
                "{\"version\": 1, \"mode\": \"merge\", \"builders\": []}", "{\"version\": 1, \"mode\": \"extend\"}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [], \"extra\": 1}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": \"https://github.com/a/b/.github/workflows/c.yml\"}]}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": \"https://github.com/a/b/.github/workflows/c.yml@v1\","
                    + " \"kind\": \"generator\"}]}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": \"https://gitlab.com/a/b\", \"kind\": \"generator\"}]}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [" + ok + ", " + ok + "]}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": \"" + GENERIC + "\", \"kind\": \"generator\"}]}",
                "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": \"https://github.com/a/b/.github/workflows/c.yml\","
                    + " \"kind\": \"generator\", \"delegates\": []}]}",
                "not json"}) {
                assertThatThrownBy(() -> file(bad)).as(bad).isInstanceOf(FormatException.class);
            }
        }

        @Test
        void theShippedListHasTheGeneratorsAndDelegators() {
            TrustedBuilders b = TrustedBuilders.builtIn();
            assertThat(b.version()).isEqualTo(1);
            assertThat(b.find(GENERIC).orElseThrow().kind()).isEqualTo(TrustedBuilders.Kind.GENERATOR);
            assertThat(b.find(GEN + "builder_go_slsa3.yml")).isPresent();
            assertThat(b.find(GEN + "builder_container-based_slsa3.yml")).isPresent();
            assertThat(b.find(DELEGATOR).orElseThrow().delegates()).contains(MAVEN, GEN + "builder_gradle_slsa3.yml");
            assertThat(b.find(GEN + "delegator_generic_slsa3.yml").orElseThrow().kind()).isEqualTo(TrustedBuilders.Kind.DELEGATOR);
        }
    }
}
