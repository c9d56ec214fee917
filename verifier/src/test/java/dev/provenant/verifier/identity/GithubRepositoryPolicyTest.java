package dev.provenant.verifier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.cert.ConformanceCase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The pinned workflow repository is compared with the host it lives on, in both directions. */
class GithubRepositoryPolicyTest {
    private static final String IDENTITY = "https://ci.example/acme/app/.ci.yml@refs/heads/main";
    private static final String GITHUB = "https://token.actions.githubusercontent.com";

    private static CertificateIdentity certificate(String issuer, String sourceRepositoryUri, String workflowRepository) {
        Map<FulcioExtension, String> extensions = new HashMap<>();
        extensions.put(FulcioExtension.ISSUER, issuer);
        if (sourceRepositoryUri != null) {
            extensions.put(FulcioExtension.SOURCE_REPOSITORY_URI, sourceRepositoryUri);
        }
        if (workflowRepository != null) {
            extensions.put(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, workflowRepository);
        }
        return new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, IDENTITY)), extensions);
    }

    private static IdentityPolicy pinning(String issuer, String repository) {
        return IdentityPolicy.exact(IDENTITY, issuer).withGithubClaim(GithubClaim.REPOSITORY, repository);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.check()).isEqualTo(Check.IDENTITY)).hasMessageNotContaining("\n");
    }

    @Test
    void ownerSlashRepoDoesNotMatchTheSameNameOnAnotherHost() {
        String gitlab = "https://gitlab.example";
        CertificateIdentity onGitlab = certificate(gitlab, "https://gitlab.example/acme/app", null);
        assertRefused(() -> pinning(gitlab, "acme/app").check(onGitlab))
                .hasMessage("certificate GitHub workflow repository is 'https://gitlab.example/acme/app', expected 'acme/app'");
        // naming the host matches it
        assertThatCode(() -> pinning(gitlab, "https://gitlab.example/acme/app").check(onGitlab)).doesNotThrowAnyException();
        assertThat(GithubClaim.REPOSITORY.valueIn(onGitlab)).contains("https://gitlab.example/acme/app");
    }

    @Test
    void aGithubEnterpriseUrlDoesNotMatchGithubComAndTheReverse() throws Exception {
        CertificateIdentity onGithub = certificate(GITHUB, "https://github.com/acme/app", "acme/app");
        pinning(GITHUB, "acme/app").check(onGithub);
        pinning(GITHUB, "https://github.com/acme/app").check(onGithub);
        pinning(GITHUB, "https://GitHub.com/acme/app").check(onGithub);
        assertRefused(() -> pinning(GITHUB, "https://ghe.example.com/acme/app").check(onGithub))
                .hasMessage("certificate GitHub workflow repository is 'acme/app', expected 'https://ghe.example.com/acme/app'");

        String gheIssuer = "https://ghe.example.com/_services/token";
        CertificateIdentity onGhe = certificate(gheIssuer, "https://ghe.example.com/acme/app", "acme/app");
        pinning(gheIssuer, "https://ghe.example.com/acme/app").check(onGhe);
        assertRefused(() -> pinning(gheIssuer, "acme/app").check(onGhe));
        assertRefused(() -> pinning(gheIssuer, "https://ghe.example.com/acme/other").check(onGhe));
    }

    @Test
    void aCertificateWithOnlyTheBareClaimIsGithubComsOnlyWhenGithubComsIssuerCertifiedIt() throws Exception {
        pinning(GITHUB, "acme/app").check(certificate(GITHUB, null, "acme/app"));
        pinning(GITHUB + "/acme-enterprise", "acme/app").check(certificate(GITHUB + "/acme-enterprise", null, "acme/app"));
        String other = "https://token.example";
        assertRefused(() -> pinning(other, "acme/app").check(certificate(other, null, "acme/app")))
                .hasMessageContaining("host is unknown");
    }

    @Test
    void claimsThatDisagreeAreRefused() {
        CertificateIdentity mixed = certificate(GITHUB, "https://github.com/acme/app", "acme/other");
        assertRefused(() -> pinning(GITHUB, "acme/app").check(mixed)).hasMessageContaining("disagrees");
        assertRefused(() -> pinning(GITHUB, "acme/other").check(mixed)).hasMessageContaining("disagrees");
    }

    @Test
    void theRealGithubCertificateStillMatches() throws Exception {
        CertificateIdentity beacon = CertificateIdentity.of(ConformanceCase.named("happy-path-v0.3").leaf());
        IdentityPolicy base = IdentityPolicy.exact(ConformanceCase.DEFAULT_IDENTITY, ConformanceCase.DEFAULT_ISSUER);
        base.withGithubClaim(GithubClaim.REPOSITORY, "sigstore-conformance/extremely-dangerous-public-oidc-beacon").check(beacon);
        base.withGithubClaim(GithubClaim.REPOSITORY, "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon")
                .check(beacon);
        assertRefused(() -> base.withGithubClaim(GithubClaim.REPOSITORY,
                "https://gitlab.example/sigstore-conformance/extremely-dangerous-public-oidc-beacon").check(beacon));
    }

    @Test
    void aMalformedExpectedRepositoryIsAUsageError() {
        for (String bad : new String[] {"acme", "acme/app/extra", "/app", "acme/", "http://github.com/acme/app", "https://host/acme",
            "https://host:8443/acme/app?x=1"}) {
            assertThatThrownBy(() -> pinning(GITHUB, bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("GitHub workflow repository");
        }
    }
}
