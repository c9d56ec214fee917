package dev.provenant.verifier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.cert.ConformanceCase;
import dev.provenant.verifier.cert.TestPki;
import dev.provenant.verifier.cert.TestPki.Ca;
import dev.provenant.verifier.cert.TestPki.Leaf;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.DERIA5String;
import org.junit.jupiter.api.Test;

class CertificateIdentityTest {
    private static final String FULCIO = "1.3.6.1.4.1.57264.1.";
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");
    private static final Ca CA = TestPki.root("O=test,CN=test-root", Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2035-01-01T00:00:00Z"));

    @Test
    void readsAGithubActionsCertificate() {
        CertificateIdentity identity = CertificateIdentity.of(ConformanceCase.named("happy-path-v0.1").leaf());

        assertThat(identity.subjectAlternativeNames()).containsExactly(new SubjectAlternativeName(SubjectAlternativeName.Kind.URI,
                ConformanceCase.DEFAULT_IDENTITY));
        assertThat(identity.issuer()).contains("https://token.actions.githubusercontent.com");
        assertThat(identity.githubClaim(GithubClaim.TRIGGER)).contains("workflow_dispatch");
        assertThat(identity.githubClaim(GithubClaim.SHA)).contains("af785b6d3b0fa0c0aa1305faee7ce6036e8d90c4");
        assertThat(identity.githubClaim(GithubClaim.NAME)).contains("Extremely dangerous OIDC beacon");
        assertThat(identity.githubClaim(GithubClaim.REPOSITORY)).contains("sigstore-conformance/extremely-dangerous-public-oidc-beacon");
        assertThat(identity.githubClaim(GithubClaim.REF)).contains("refs/heads/main");
        assertThat(identity.extension(FulcioExtension.BUILD_SIGNER_URI)).contains(ConformanceCase.DEFAULT_IDENTITY);
        assertThat(identity.extension(FulcioExtension.RUNNER_ENVIRONMENT)).contains("github-hosted");
        assertThat(identity.extension(FulcioExtension.SOURCE_REPOSITORY_URI))
                .contains("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon");
        assertThat(identity.extension(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER)).contains("632596897");
        assertThat(identity.extension(FulcioExtension.RUN_INVOCATION_URI))
                .contains("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/actions/runs/5533741497/attempts/1");
        assertThat(identity.extension(FulcioExtension.SOURCE_REPOSITORY_VISIBILITY)).isEmpty();
    }

    @Test
    void readsAnEmailCertificate() {
        CertificateIdentity identity = CertificateIdentity.of(ConformanceCase.named("bundle-with-root-cert_fail").leaf());

        assertThat(identity.san()).contains(new SubjectAlternativeName(SubjectAlternativeName.Kind.EMAIL, "a@tny.town"));
        assertThat(identity.issuer()).contains("https://github.com/login/oauth");
        assertThat(identity.githubClaim(GithubClaim.REPOSITORY)).isEmpty();
    }

    @Test
    void theIssuerV2IsPreferredAndTheDeprecatedOneStillRead() {
        X509Certificate both = new Leaf(ISSUED).uri("https://x.test").raw(FULCIO + "1", "https://old.test")
                .utf8(FULCIO + "8", "https://new.test").issuedBy(CA);
        X509Certificate deprecatedOnly = new Leaf(ISSUED).uri("https://x.test").raw(FULCIO + "1", "https://old.test").issuedBy(CA);

        assertThat(CertificateIdentity.of(both).issuer()).contains("https://new.test");
        assertThat(CertificateIdentity.of(deprecatedOnly).issuer()).contains("https://old.test");
        assertThat(CertificateIdentity.of(new Leaf(ISSUED).uri("https://x.test").issuedBy(CA)).issuer()).isEmpty();
    }

    @Test
    void readsAUsernameOtherName() {
        CertificateIdentity identity = CertificateIdentity.of(new Leaf(ISSUED).username("alice").issuedBy(CA));

        assertThat(identity.san()).contains(new SubjectAlternativeName(SubjectAlternativeName.Kind.USERNAME, "alice"));
    }

    @Test
    void keepsEveryNameSoThatSeveralAreNotMistakenForOne() {
        CertificateIdentity two = CertificateIdentity.of(new Leaf(ISSUED).uri("https://a.test").email("b@c.test").issuedBy(CA));
        CertificateIdentity dns = CertificateIdentity.of(new Leaf(ISSUED).dnsName("example.com").issuedBy(CA));

        assertThat(two.subjectAlternativeNames()).hasSize(2);
        assertThat(two.san()).isEmpty();
        assertThat(dns.san()).hasValueSatisfying(san -> assertThat(san.kind()).isEqualTo(SubjectAlternativeName.Kind.OTHER));
    }

    @Test
    void theProviderNeutralClaimsStandInForMissingGithubOnes() {
        X509Certificate v2Only = new Leaf(ISSUED).uri("https://x.test")
                .utf8(FULCIO + "12", "https://github.com/acme/app")
                .utf8(FULCIO + "13", "0123abcd")
                .utf8(FULCIO + "14", "refs/tags/v1.0.0")
                .utf8(FULCIO + "20", "push")
                .issuedBy(CA);

        CertificateIdentity identity = CertificateIdentity.of(v2Only);

        assertThat(identity.githubClaim(GithubClaim.REPOSITORY)).contains("acme/app");
        assertThat(identity.githubClaim(GithubClaim.SHA)).contains("0123abcd");
        assertThat(identity.githubClaim(GithubClaim.REF)).contains("refs/tags/v1.0.0");
        assertThat(identity.githubClaim(GithubClaim.TRIGGER)).contains("push");
        assertThat(identity.githubClaim(GithubClaim.NAME)).isEmpty();
    }

    @Test
    void theRepositoryClaimsMustAgree() {
        X509Certificate both = new Leaf(ISSUED).uri("https://x.test").raw(FULCIO + "5", "acme/app")
                .utf8(FULCIO + "12", "https://github.com/acme/app").issuedBy(CA);
        X509Certificate disagreeing = new Leaf(ISSUED).uri("https://x.test").raw(FULCIO + "5", "acme/app")
                .utf8(FULCIO + "12", "https://github.com/other/repo").issuedBy(CA);

        assertThat(CertificateIdentity.of(both).githubClaim(GithubClaim.REPOSITORY)).contains("acme/app");
        assertThat(CertificateIdentity.of(disagreeing).githubClaim(GithubClaim.REPOSITORY)).isEmpty();
    }

    @Test
    void anImplicitlyTaggedExtensionIsMalformedNotACrash() {
        // [0] IMPLICIT 'A' where a UTF8String (or an explicit [0] around one) belongs
        X509Certificate implicit = new Leaf(ISSUED).uri("https://x.test").extensionBytes(FULCIO + "8", new byte[] {(byte) 0x80, 0x01, 0x41})
                .issuedBy(CA);

        assertThatThrownBy(() -> CertificateIdentity.of(implicit)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate extension 1.3.6.1.4.1.57264.1.8 (OIDC issuer) is not a DER UTF8String");
    }

    @Test
    void anEmptyDerExtensionIsMalformedNotACrash() {
        // zero bytes where a DER UTF8String belongs: Bouncy Castle reads them as a null object
        X509Certificate empty = new Leaf(ISSUED).uri("https://x.test").extensionBytes(FULCIO + "8", new byte[0]).issuedBy(CA);

        assertThatThrownBy(() -> CertificateIdentity.of(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate extension 1.3.6.1.4.1.57264.1.8 (OIDC issuer) is not a DER UTF8String");
    }

    @Test
    void aMalformedExtensionIsAnErrorNotAnAbsence() throws IOException {
        X509Certificate rawV2 = new Leaf(ISSUED).uri("https://x.test").extensionBytes(FULCIO + "8", "https://a.test".getBytes())
                .raw(FULCIO + "1", "https://b.test").issuedBy(CA);
        X509Certificate ia5 = new Leaf(ISSUED).uri("https://x.test")
                .extensionBytes(FULCIO + "12", new DERIA5String("https://github.com/a/b").getEncoded()).issuedBy(CA);
        X509Certificate notUtf8 = new Leaf(ISSUED).uri("https://x.test").extensionBytes(FULCIO + "5", new byte[] {(byte) 0xff, 0x41})
                .issuedBy(CA);

        assertThatThrownBy(() -> CertificateIdentity.of(rawV2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate extension 1.3.6.1.4.1.57264.1.8 (OIDC issuer) is not a DER UTF8String");
        assertThatThrownBy(() -> CertificateIdentity.of(ia5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.3.6.1.4.1.57264.1.12");
        assertThatThrownBy(() -> CertificateIdentity.of(notUtf8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate extension 1.3.6.1.4.1.57264.1.5 (GitHub workflow repository) is not UTF-8");
    }
}
