package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.identity.FulcioExtension;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gh attestation verify's flags, each read onto the identity policy: a certificate as GitHub Actions'
 * Fulcio writes it passes every flag, and each flag alone fails the certificate that differs in its claim.
 */
class GhAttestationFlagsTest {
    static final String WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml";
    static final String SIGNER_SHA = "1111111111111111111111111111111111111111";
    static final String SOURCE_SHA = "2222222222222222222222222222222222222222";
    static final Hints CLI = new Hints(FrontEnd.CLI);
    static final TrustInputs NONE = new TrustInputs(null, null, null, null, null, Map.of());

    /** The claims of a release build of acme/app on a GitHub-hosted runner, with {@code changes} replacing some. */
    static CertificateIdentity certificate(String san, Map<FulcioExtension, String> changes) {
        Map<FulcioExtension, String> ext = new EnumMap<>(FulcioExtension.class);
        ext.put(FulcioExtension.ISSUER, GhAttestationFlags.GITHUB_ISSUER);
        ext.put(FulcioExtension.BUILD_SIGNER_URI, san);
        ext.put(FulcioExtension.BUILD_SIGNER_DIGEST, SIGNER_SHA);
        ext.put(FulcioExtension.RUNNER_ENVIRONMENT, "github-hosted");
        ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/app");
        ext.put(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/acme");
        ext.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, SOURCE_SHA);
        ext.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v1.0");
        ext.putAll(changes);
        ext.values().removeIf(v -> v == null);
        return new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, san)), ext);
    }

    static CertificateIdentity release() {
        return certificate(WORKFLOW + "@refs/tags/v1.0", Map.of());
    }

    static IdentityPolicy policy(GhAttestationFlags flags) throws Exception {
        return ((SignerTrust.Identity) flags.applyTo(NONE).signer(CLI)).policy();
    }

    static GhAttestationFlags owner(String owner) {
        return new GhAttestationFlags(owner, null, null, null, null, null, null, false);
    }

    static GhAttestationFlags repo(String repo) {
        return new GhAttestationFlags(null, repo, null, null, null, null, null, false);
    }

    /** --repo acme/app with one more flag, as gh needs --owner or --repo beside the others. */
    static GhAttestationFlags scoped(String signerRepo, String signerWorkflow, String signerDigest, String sourceRef, String sourceDigest,
            boolean deny) {
        return new GhAttestationFlags(null, "acme/app", signerRepo, signerWorkflow, signerDigest, sourceRef, sourceDigest, deny);
    }

    static void refused(IdentityPolicy policy, CertificateIdentity certificate, String message) {
        assertThatThrownBy(() -> policy.check(certificate)).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.IDENTITY))
                .hasMessageContaining(message);
    }

    @Test
    void everyFlagTogetherHoldsForTheBuildItDescribes() throws Exception {
        IdentityPolicy all = policy(scoped(null, "acme/app/.github/workflows/release.yml", SIGNER_SHA, "refs/tags/v1.0", SOURCE_SHA, true));
        assertThatCode(() -> all.check(release())).doesNotThrowAnyException();
        assertThat(all.describe()).contains("runner environment 'github-hosted'", "build signer digest '" + SIGNER_SHA + "'");
    }

    @Test
    void ownerPinsTheOwnerUriIgnoringCaseAndScopesTheSigner() throws Exception {
        IdentityPolicy acme = policy(owner("ACME"));
        assertThatCode(() -> acme.check(release())).doesNotThrowAnyException();
        refused(acme, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/other")),
                "source repository owner URI is 'https://github.com/other'");
        refused(acme, certificate("https://github.com/other/app/.github/workflows/release.yml@refs/tags/v1.0", Map.of()),
                "certificate identity is");
        refused(acme, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.ISSUER, "https://issuer.example.test")),
                "OIDC issuer");
    }

    @Test
    void repoPinsTheSourceRepositoryAndScopesTheSigner() throws Exception {
        IdentityPolicy app = policy(repo("acme/app"));
        assertThatCode(() -> app.check(release())).doesNotThrowAnyException();
        refused(app, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/lib")),
                "GitHub workflow repository is 'acme/lib', expected 'acme/app'");
        refused(app, certificate("https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v1.0", Map.of()),
                "certificate identity is");
    }

    @Test
    void signerRepoNamesTheReusableWorkflowsRepository() throws Exception {
        String reusable = "https://github.com/acme/workflows/.github/workflows/build.yml@refs/tags/v2";
        IdentityPolicy signer = policy(scoped("acme/workflows", null, null, null, null, false));
        assertThatCode(() -> signer.check(certificate(reusable, Map.of()))).doesNotThrowAnyException();
        refused(signer, release(), "certificate identity is '" + WORKFLOW + "@refs/tags/v1.0'");
    }

    @Test
    void signerWorkflowNamesTheWorkflowFileAtAnyRef() throws Exception {
        IdentityPolicy signer = policy(scoped(null, "acme/app/.github/workflows/release.yml", null, null, null, false));
        assertThatCode(() -> signer.check(certificate(WORKFLOW + "@refs/heads/main", Map.of()))).doesNotThrowAnyException();
        refused(signer, certificate("https://github.com/acme/app/.github/workflows/release.yml.evil@refs/heads/main", Map.of()),
                "certificate identity is");
        refused(signer, certificate("https://github.com/acme/app/.github/workflows/other.yml@refs/tags/v1.0", Map.of()),
                "certificate identity is");
        IdentityPolicy withHost = policy(scoped(null, "github.com/acme/app/.github/workflows/release.yml", null, null, null, false));
        assertThatCode(() -> withHost.check(release())).doesNotThrowAnyException();
        // a literal, not a pattern: the dots of the path match only dots
        IdentityPolicy literal = policy(scoped(null, "acme/app/.github/workflows/release.yml", null, null, null, false));
        refused(literal, certificate("https://github.com/acme/app/.github/workflows/releaseXyml@refs/tags/v1.0", Map.of()),
                "certificate identity is");
    }

    @Test
    void signerDigestPinsTheBuildSignerDigest() throws Exception {
        IdentityPolicy pinned = policy(scoped(null, null, SIGNER_SHA, null, null, false));
        assertThatCode(() -> pinned.check(release())).doesNotThrowAnyException();
        refused(pinned, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.BUILD_SIGNER_DIGEST, SOURCE_SHA)),
                "build signer digest is '" + SOURCE_SHA + "'");
        Map<FulcioExtension, String> none = new EnumMap<>(FulcioExtension.class);
        none.put(FulcioExtension.BUILD_SIGNER_DIGEST, null);
        refused(pinned, certificate(WORKFLOW + "@refs/tags/v1.0", none), "has no build signer digest");
    }

    @Test
    void sourceRefPinsTheRef() throws Exception {
        IdentityPolicy pinned = policy(scoped(null, null, null, "refs/tags/v1.0", null, false));
        assertThatCode(() -> pinned.check(release())).doesNotThrowAnyException();
        refused(pinned, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/main")),
                "GitHub workflow ref is 'refs/heads/main'");
    }

    @Test
    void sourceDigestPinsTheCommit() throws Exception {
        IdentityPolicy pinned = policy(scoped(null, null, null, null, SOURCE_SHA, false));
        assertThatCode(() -> pinned.check(release())).doesNotThrowAnyException();
        refused(pinned, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.SOURCE_REPOSITORY_DIGEST, SIGNER_SHA)),
                "GitHub workflow SHA is '" + SIGNER_SHA + "'");
    }

    @Test
    void denySelfHostedRunnersRequiresGithubHosted() throws Exception {
        IdentityPolicy hosted = policy(scoped(null, null, null, null, null, true));
        assertThatCode(() -> hosted.check(release())).doesNotThrowAnyException();
        refused(hosted, certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.RUNNER_ENVIRONMENT, "self-hosted")),
                "runner environment is 'self-hosted', expected 'github-hosted'");
        Map<FulcioExtension, String> none = new EnumMap<>(FulcioExtension.class);
        none.put(FulcioExtension.RUNNER_ENVIRONMENT, null);
        refused(hosted, certificate(WORKFLOW + "@refs/tags/v1.0", none), "has no runner environment");
        // without the flag a self-hosted runner is accepted
        IdentityPolicy any = policy(scoped(null, null, null, null, null, false));
        assertThatCode(() -> any.check(certificate(WORKFLOW + "@refs/tags/v1.0", Map.of(FulcioExtension.RUNNER_ENVIRONMENT, "self-hosted"))))
                .doesNotThrowAnyException();
    }

    @Test
    void predicateTypeDefaultsToProvenanceV1OnlyForScopedInvocations() {
        assertThat(repo("acme/app").predicateType(null)).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(owner("acme").predicateType("https://spdx.dev/Document/v2.3")).isEqualTo("https://spdx.dev/Document/v2.3");
        assertThat(GhAttestationFlags.NONE.predicateType(null)).isNull();
        assertThat(new GhAttestationFlags(null, null, null, null, null, null, null, true).predicateType(null)).isNull();
    }

    @Test
    void contradictoryOrMalformedFlagsAreSetupErrors() {
        assertThatThrownBy(() -> new GhAttestationFlags("acme", "acme/app", null, null, null, null, null, false).applyTo(NONE))
                .isInstanceOf(SetupException.class).hasMessageContaining("--owner or --repo");
        assertThatThrownBy(() -> repo("acme").applyTo(NONE)).isInstanceOf(SetupException.class).hasMessageContaining("OWNER/REPO");
        assertThatThrownBy(() -> scoped("acme/w", "acme/w/.github/workflows/b.yml", null, null, null, false).applyTo(NONE))
                .isInstanceOf(SetupException.class).hasMessageContaining("--signer-repo and --signer-workflow");
        assertThatThrownBy(() -> scoped(null, "acme/app", null, null, null, false).applyTo(NONE))
                .isInstanceOf(SetupException.class).hasMessageContaining("--signer-workflow");
        TrustInputs withRef = new TrustInputs(null, null, null, null, null,
                TrustInputs.githubClaims(null, "refs/heads/main", null, null, null));
        assertThatThrownBy(() -> scoped(null, null, null, "refs/tags/v1.0", null, false).applyTo(withRef))
                .isInstanceOf(SetupException.class).hasMessageContaining("--source-ref 'refs/tags/v1.0' contradicts --certificate-github-workflow-ref");
        TrustInputs key = new TrustInputs(TrustInputsTest.KEYS.resolve("ec-p256.pub"), null, null, null, null, Map.of());
        assertThatThrownBy(() -> repo("acme/app").applyTo(key)).isInstanceOf(SetupException.class).hasMessageContaining("--key");
    }

    @Test
    void anExplicitIdentityAndIssuerStayAndTheFlagsPinOnTop() throws Exception {
        TrustInputs explicit = new TrustInputs(null, WORKFLOW + "@refs/tags/v1.0", null, GhAttestationFlags.GITHUB_ISSUER, null, Map.of());
        IdentityPolicy policy = ((SignerTrust.Identity) repo("acme/app").applyTo(explicit).signer(CLI)).policy();
        assertThatCode(() -> policy.check(release())).doesNotThrowAnyException();
        refused(policy, certificate(WORKFLOW + "@refs/tags/v2.0", Map.of()), "certificate identity is");
    }
}
