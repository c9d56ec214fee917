package dev.provenant.verifier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.cert.ConformanceCase;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IdentityPolicyTest {
    private static final String IDENTITY = ConformanceCase.DEFAULT_IDENTITY;
    private static final String ISSUER = ConformanceCase.DEFAULT_ISSUER;
    private static final String REPOSITORY = "sigstore-conformance/extremely-dangerous-public-oidc-beacon";

    /** The identity of the suite's GitHub Actions signer, read from a real Fulcio certificate. */
    private static CertificateIdentity beacon() {
        return CertificateIdentity.of(ConformanceCase.named("happy-path-v0.1").leaf());
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.check()).isEqualTo(Check.IDENTITY)).hasMessageNotContaining("\n");
    }

    // --- construction

    @Test
    void thereIsNoKeylessVerificationWithoutAnIdentityPolicy() {
        assertThatThrownBy(() -> IdentityPolicy.of(null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No keyless verification without an identity policy");
        assertThatThrownBy(() -> new IdentityPolicy(null, null, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No keyless verification without an identity policy");
    }

    @Test
    void bothTheIdentityAndTheIssuerAreRequired() {
        assertThatThrownBy(() -> IdentityPolicy.of(IDENTITY, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OIDC issuer");
        assertThatThrownBy(() -> IdentityPolicy.of(null, null, ISSUER, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate identity");
    }

    @Test
    void eachIsGivenExactlyOnce() {
        assertThatThrownBy(() -> IdentityPolicy.of(IDENTITY, ".*", ISSUER, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give the certificate identity either exactly or as a regular expression, not both");
        assertThatThrownBy(() -> IdentityPolicy.of(IDENTITY, null, ISSUER, ".*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give the OIDC issuer either exactly or as a regular expression, not both");
    }

    @Test
    void emptyValuesAndBrokenRegexpsAreRefused() {
        assertThatThrownBy(() -> IdentityPolicy.exact("", ISSUER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityPolicy.of(null, "https://(", ISSUER, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityPolicy.exact(IDENTITY, ISSUER).withGithubClaim(GithubClaim.REF, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- the name and the issuer

    @Test
    void acceptsTheExactIdentity() {
        assertThatCode(() -> IdentityPolicy.exact(IDENTITY, ISSUER).check(beacon())).doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherIdentity() {
        IdentityPolicy policy = IdentityPolicy.exact("https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main", ISSUER);

        assertRefused(() -> policy.check(beacon())).hasMessage("certificate identity is '" + IDENTITY
                + "', expected 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'");
    }

    @Test
    void refusesAnotherIssuer() {
        IdentityPolicy policy = IdentityPolicy.exact(IDENTITY, "https://accounts.google.com");

        assertRefused(() -> policy.check(beacon()))
                .hasMessage("certificate OIDC issuer is '" + ISSUER + "', expected 'https://accounts.google.com'");
    }

    @Test
    void aRegexpMatchesTheWholeValue() {
        IdentityPolicy whole = IdentityPolicy.of(null, "https://github\\.com/sigstore-conformance/.*@refs/heads/main", null,
                "https://token\\.actions\\.githubusercontent\\.com");

        assertThatCode(() -> whole.check(beacon())).doesNotThrowAnyException();
    }

    @Test
    void aRegexpThatOnlyMatchesPartOfTheValueIsRefused() {
        // Both would be found inside the values; neither is the whole value.
        IdentityPolicy sanPart = IdentityPolicy.of(null, "sigstore-conformance/extremely-dangerous-public-oidc-beacon", ISSUER, null);
        IdentityPolicy issuerPart = IdentityPolicy.of(IDENTITY, null, null, "token\\.actions");

        assertRefused(() -> sanPart.check(beacon())).hasMessage("certificate identity is '" + IDENTITY
                + "', expected matching /sigstore-conformance/extremely-dangerous-public-oidc-beacon/; the pattern matches"
                + " only part of the identity; patterns must match all of it, e.g. add .* before it and .*$ after it");
        assertRefused(() -> issuerPart.check(beacon())).hasMessage("certificate OIDC issuer is '" + ISSUER
                + "', expected matching /token\\.actions/; the pattern matches only part of the issuer; patterns must match"
                + " all of it, e.g. add .* before it and .*$ after it");
    }

    @Test
    void aCosignStylePrefixPatternFailsAndTheFailureSaysHowToAnchorIt() {
        // cosign, sigstore-go and sigstore-js search, so this prefix is a common pattern there; here it still fails.
        String prefix = "^https://github\\.com/sigstore-conformance/";
        assertRefused(() -> IdentityPolicy.of(null, prefix, ISSUER, null).check(beacon()))
                .hasMessageEndingWith("expected matching /" + prefix + "/; the pattern matches only part of the identity;"
                        + " patterns must match all of it, e.g. add .*$");
        assertThatCode(() -> IdentityPolicy.of(null, prefix + ".*$", ISSUER, null).check(beacon())).doesNotThrowAnyException();

        String suffix = "@refs/heads/main$";
        assertRefused(() -> IdentityPolicy.of(null, suffix, ISSUER, null).check(beacon()))
                .hasMessageEndingWith("only part of the identity; patterns must match all of it, e.g. add .* before it");
        assertThatCode(() -> IdentityPolicy.of(null, ".*" + suffix, ISSUER, null).check(beacon())).doesNotThrowAnyException();

        String issuerPrefix = "https://token\\.actions\\.";
        assertRefused(() -> IdentityPolicy.of(IDENTITY, null, null, issuerPrefix).check(beacon()))
                .hasMessageEndingWith("only part of the issuer; patterns must match all of it, e.g. add .*$");
    }

    @Test
    void aPatternThatMatchesNoPartSaysNothingAboutAnchoring() {
        assertRefused(() -> IdentityPolicy.of(null, "https://gitlab\\.com/.*", ISSUER, null).check(beacon()))
                .hasMessage("certificate identity is '" + IDENTITY + "', expected matching /https://gitlab\\.com/.*/");
        // Only an empty part matches: nothing to explain either.
        assertRefused(() -> IdentityPolicy.of(null, "x*", ISSUER, null).check(beacon()))
                .hasMessage("certificate identity is '" + IDENTITY + "', expected matching /x*/");
    }

    @Test
    void aCertificateMustHaveExactlyOneSupportedName() {
        CertificateIdentity two = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, IDENTITY),
                new SubjectAlternativeName(SubjectAlternativeName.Kind.EMAIL, "a@b.test")), Map.of(FulcioExtension.ISSUER, ISSUER));
        CertificateIdentity dns = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.OTHER,
                "2: example.com")), Map.of(FulcioExtension.ISSUER, ISSUER));
        IdentityPolicy anything = IdentityPolicy.of(null, ".*", null, ".*");

        assertRefused(() -> anything.check(two)).hasMessageStartingWith("the certificate has 2 subject alternative names");
        assertRefused(() -> anything.check(dns)).hasMessageContaining("unsupported");
    }

    @Test
    void aCertificateWithoutAnIssuerIsRefused() {
        CertificateIdentity noIssuer = new CertificateIdentity(
                List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, IDENTITY)), Map.of());

        assertRefused(() -> IdentityPolicy.exact(IDENTITY, ISSUER).check(noIssuer))
                .hasMessageStartingWith("the certificate names no OIDC issuer");
    }

    @Test
    void theDeprecatedIssuerIsMatchedWhenItIsTheOnlyOne() throws VerificationException {
        CertificateIdentity old = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.EMAIL,
                "a@b.test")), Map.of(FulcioExtension.ISSUER_V1, "https://accounts.google.com"));

        IdentityPolicy.exact("a@b.test", "https://accounts.google.com").check(old);
    }

    @Test
    void controlCharactersCannotBreakTheFailureLine() {
        CertificateIdentity forged = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI,
                "https://x.test\nidentity: ok")), Map.of(FulcioExtension.ISSUER, ISSUER));

        assertRefused(() -> IdentityPolicy.exact(IDENTITY, ISSUER).check(forged)).hasMessageContaining("https://x.test\\u000aidentity");
    }

    // --- GitHub workflow claims

    @Test
    void acceptsMatchingGithubClaims() {
        IdentityPolicy policy = IdentityPolicy.exact(IDENTITY, ISSUER)
                .withGithubClaim(GithubClaim.REPOSITORY, REPOSITORY)
                .withGithubClaim(GithubClaim.REF, "refs/heads/main")
                .withGithubClaim(GithubClaim.SHA, "af785b6d3b0fa0c0aa1305faee7ce6036e8d90c4")
                .withGithubClaim(GithubClaim.TRIGGER, "workflow_dispatch")
                .withGithubClaim(GithubClaim.NAME, "Extremely dangerous OIDC beacon");

        assertThatCode(() -> policy.check(beacon())).doesNotThrowAnyException();
    }

    @Test
    void refusesEachWrongGithubClaim() {
        IdentityPolicy base = IdentityPolicy.exact(IDENTITY, ISSUER);

        assertRefused(() -> base.withGithubClaim(GithubClaim.REPOSITORY, "acme/app").check(beacon()))
                .hasMessage("certificate GitHub workflow repository is '" + REPOSITORY + "', expected 'acme/app'");
        assertRefused(() -> base.withGithubClaim(GithubClaim.REF, "refs/heads/release").check(beacon()))
                .hasMessage("certificate GitHub workflow ref is 'refs/heads/main', expected 'refs/heads/release'");
        assertRefused(() -> base.withGithubClaim(GithubClaim.SHA, "0000000000000000000000000000000000000000").check(beacon()))
                .hasMessageStartingWith("certificate GitHub workflow SHA is 'af785b6d");
        assertRefused(() -> base.withGithubClaim(GithubClaim.TRIGGER, "push").check(beacon()))
                .hasMessage("certificate GitHub workflow trigger is 'workflow_dispatch', expected 'push'");
        assertRefused(() -> base.withGithubClaim(GithubClaim.NAME, "Release").check(beacon()))
                .hasMessage("certificate GitHub workflow name is 'Extremely dangerous OIDC beacon', expected 'Release'");
    }

    @Test
    void aGithubClaimIsComparedExactlyNotAsAPrefix() {
        assertRefused(() -> IdentityPolicy.exact(IDENTITY, ISSUER).withGithubClaim(GithubClaim.REPOSITORY, "sigstore-conformance/extremely-dangerous")
                .check(beacon()));
    }

    @Test
    void aCertificateWithoutTheClaimIsRefused() {
        CertificateIdentity email = CertificateIdentity.of(ConformanceCase.named("bundle-with-root-cert_fail").leaf());
        IdentityPolicy policy = IdentityPolicy.exact("a@tny.town", "https://github.com/login/oauth")
                .withGithubClaim(GithubClaim.REPOSITORY, "acme/app");

        assertRefused(() -> policy.check(email)).hasMessage("the certificate has no GitHub workflow repository, expected 'acme/app'");
    }

    @Test
    void githubClaimsFallBackToTheProviderNeutralExtensions() throws VerificationException {
        CertificateIdentity v2Only = new CertificateIdentity(List.of(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, IDENTITY)),
                Map.of(FulcioExtension.ISSUER, ISSUER,
                        FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/app",
                        FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/main",
                        FulcioExtension.SOURCE_REPOSITORY_DIGEST, "0123abcd",
                        FulcioExtension.BUILD_TRIGGER, "push"));
        IdentityPolicy policy = IdentityPolicy.exact(IDENTITY, ISSUER)
                .withGithubClaim(GithubClaim.REPOSITORY, "acme/app")
                .withGithubClaim(GithubClaim.REF, "refs/heads/main")
                .withGithubClaim(GithubClaim.SHA, "0123abcd")
                .withGithubClaim(GithubClaim.TRIGGER, "push");

        policy.check(v2Only);
        assertRefused(() -> policy.withGithubClaim(GithubClaim.REPOSITORY, "acme/other").check(v2Only))
                .hasMessage("certificate GitHub workflow repository is 'acme/app', expected 'acme/other'");
        assertRefused(() -> policy.withGithubClaim(GithubClaim.NAME, "Release").check(v2Only))
                .hasMessage("the certificate has no GitHub workflow name, expected 'Release'");
    }

    @Test
    void describesItself() {
        IdentityPolicy policy = IdentityPolicy.of(null, "https://github\\.com/acme/.*", ISSUER, null)
                .withGithubClaim(GithubClaim.REF, "refs/heads/main")
                .withGithubClaim(GithubClaim.REPOSITORY, "acme/app");

        assertThat(policy.describe()).isEqualTo("identity matching /https://github\\.com/acme/.*/ from OIDC issuer '" + ISSUER
                + "' with GitHub workflow repository 'acme/app', GitHub workflow ref 'refs/heads/main'");
    }
}
