package dev.provenant.verifier.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import dev.provenant.verifier.trust.TrustedRoot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The signing certificates of the Sigstore conformance suite's keyless cases, at the times their bundles vouch for. */
class FulcioCertificateVerifierConformanceTest {
    private final FulcioCertificateVerifier verifier = new FulcioCertificateVerifier();

    @ParameterizedTest
    @ValueSource(strings = {
        "happy-path-v0.1",
        "happy-path-v0.2",
        "happy-path-v0.3",
        "happy-path-v0.3-new-mediaType",
        "happy-path-intoto-in-dsse-v3",
        "bundle-with-sct-with-extensions",
        "intoto-with-custom-trust-root",
        "rekor2-happy-path",
        "rekor2-dsse-happy-path",
        "rekor2-timestamp-with-embedded-cert",
        "trust-root-tlog-validity-end-inclusive",
    })
    void verifiesTheCertificateOf(String name) throws VerificationException {
        ConformanceCase c = ConformanceCase.named(name);
        List<Instant> times = c.signingTimes();
        assertThat(times).isNotEmpty();

        VerifiedCertificate verified = verifier.verify(c.certificates(), c.trustedRoot(), times);

        assertThat(verified.leaf()).isEqualTo(c.leaf());
        assertThat(verified.verifiedScts()).isEqualTo(1);
        assertThat(times).allMatch(t -> verified.authority().validFor().contains(t));
        assertThat(verified.identity().san()).map(SubjectAlternativeName::value).contains(c.identity());
        IdentityPolicy.exact(c.identity(), c.issuer()).check(verified.identity());
    }

    @ParameterizedTest
    @CsvSource({
        // a valid bundle of the staging instance: its CA is not in the production root
        "bundle-from-wrong-instance_fail, CERTIFICATE_CHAIN",
        // the custom root's CT logs are staging's; the SCT is from production's log
        "invalid-ct-key_fail, SCT",
        // the certificate is valid from 2030, the log entry is from 2023
        "intoto-expired-certificate_fail, CERTIFICATE_VALIDITY",
        "intoto-set-outside-signing-cert-validity_fail, CERTIFICATE_VALIDITY",
        "integrated-time-in-future_fail, CERTIFICATE_VALIDITY",
        // a good timestamp, but a day after the certificate expired
        "intoto-tsa-timestamp-outside-cert-validity_fail, CERTIFICATE_VALIDITY",
        "rekor2-timestamp-with-incorrect-time_fail, CERTIFICATE_VALIDITY",
        "bundle-empty-certificate-chain_fail, CERTIFICATE_CHAIN",
    })
    void rejects(String name, Check check) throws VerificationException {
        ConformanceCase c = ConformanceCase.named(name);
        List<Instant> times = c.signingTimes();

        assertThatThrownBy(() -> verifier.verify(c.certificates(), c.trustedRoot(), times))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(check))
                .hasMessageNotContaining("\n");
    }

    @Test
    void anExpiredCertificateNamesTheTimeAndTheValidity() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("intoto-set-outside-signing-cert-validity_fail");

        assertThatThrownBy(() -> verifier.verify(c.certificates(), c.trustedRoot(), c.signingTimes()))
                .hasMessage("signing time 2023-02-02T00:00:00Z is outside the signing certificate's validity"
                        + " [2023-02-01T00:00:00Z, 2023-02-01T00:10:00Z]");
    }

    @Test
    void aCertificateOfAnotherInstanceIsNotChainedToThisRoot() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("bundle-from-wrong-instance_fail");

        assertThatThrownBy(() -> verifier.verify(c.certificates(), c.trustedRoot(), c.signingTimes()))
                .hasMessageContaining("was not issued by a certificate authority of the trusted root");
    }

    /**
     * The bundle's chain is leaf, root, intermediate. The root is ignored, not trusted and not refused
     * (protobuf-specs: verifiers SHOULD ignore superfluous CA certificates; sigstore-go reads only the
     * leaf): the certificate chains through the trusted root's own CA. The case fails, as the suite
     * expects, because its signer is not the suite's identity.
     */
    @Test
    void aRootCertificateInTheBundleIsIgnoredAndTheCaseFailsOnItsIdentity() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("bundle-with-root-cert_fail");
        assertThat(c.certificates()).hasSize(3);

        VerifiedCertificate verified = verifier.verify(c.certificates(), c.trustedRoot(), c.signingTimes());

        assertThat(verified.authority().certChain().certificates()).hasSize(2);
        assertThatThrownBy(() -> IdentityPolicy.exact(c.identity(), c.issuer()).check(verified.identity()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
                .hasMessage("certificate identity is 'a@tny.town', expected '" + ConformanceCase.DEFAULT_IDENTITY + "'");
    }

    @Test
    void theBundlesIntermediatesCannotStandInForTheTrustedRoots() throws VerificationException {
        // The root's own CA removed: the bundle's root and intermediate, though genuine, are not trusted.
        ConformanceCase c = ConformanceCase.named("bundle-with-root-cert_fail");
        TrustedRoot withoutFulcio = c.trustedRoot(json -> ((ArrayNode) json.path("certificateAuthorities")).removeAll());

        assertThatThrownBy(() -> verifier.verify(c.certificates(), withoutFulcio, c.signingTimes()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
                .hasMessage("the trusted root has no certificate authorities");
    }

    @Test
    void theAuthorityMustBeTrustedAtTheSigningTime() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("happy-path-v0.3");
        // 2024-03-19T17:26:26Z is the log entry's time; the CA is now retired a second before it.
        TrustedRoot retired = c.trustedRoot(json -> ((ObjectNode) json.path("certificateAuthorities").get(1).path("validFor"))
                .put("end", "2024-03-19T17:26:25Z"));

        assertThatThrownBy(() -> verifier.verify(c.certificates(), retired, c.signingTimes()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
                .hasMessageContaining("signing time 2024-03-19T17:26:26Z is outside the validity");
    }

    @Test
    void theCtLogKeyMustBeTrustedAtTheSctTime() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("happy-path-v0.3");
        TrustedRoot retired = c.trustedRoot(json -> ((ObjectNode) json.path("ctlogs").get(1).path("publicKey").path("validFor"))
                .put("end", "2024-01-01T00:00:00Z"));

        assertThatThrownBy(() -> verifier.verify(c.certificates(), retired, c.signingTimes()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
                .hasMessageContaining("is outside the validity");
    }

    @Test
    void aRootWithoutCtLogsVerifiesNoSct() throws VerificationException {
        ConformanceCase c = ConformanceCase.named("happy-path-v0.3");
        TrustedRoot noCt = c.trustedRoot(json -> ((ArrayNode) json.path("ctlogs")).removeAll());

        assertThatThrownBy(() -> verifier.verify(c.certificates(), noCt, c.signingTimes()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
                .hasMessage("the trusted root has no CT logs to verify the certificate's SCT against");
    }

    @Test
    void theSctOfAnotherCertificateDoesNotVerify() throws VerificationException {
        // The production CT log's key is trusted under the staging log's id: the id matches, the key does not hash to it.
        ConformanceCase c = ConformanceCase.named("happy-path-v0.3");
        TrustedRoot swapped = c.trustedRoot(json -> ((ObjectNode) json.path("ctlogs").get(1).path("publicKey"))
                .put("rawBytes", json.path("ctlogs").get(0).path("publicKey").path("rawBytes").asText()));

        assertThatThrownBy(() -> verifier.verify(c.certificates(), swapped, c.signingTimes()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
                .hasMessageContaining("does not hash to its log id");
    }
}
