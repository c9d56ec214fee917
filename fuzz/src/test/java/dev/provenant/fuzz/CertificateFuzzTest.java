package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.cert.FulcioCertificateVerifier;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A DER X.509 certificate as a bundle carries it: verified as a Fulcio leaf (chain, validity, code-signing
 * use, embedded SCTs) against the stack's CA and CT log, and its identity (SANs, Fulcio extensions) read.
 */
class CertificateFuzzTest {
    private static final TrustedRoot ROOT = Fixtures.trustedRoot();
    private static final FulcioCertificateVerifier VERIFIER = new FulcioCertificateVerifier();
    private static final List<Instant> SIGNED_AT = List.of(signingTime());

    /** When the fixture leaf was issued: inside its ten-minute validity. */
    private static Instant signingTime() {
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Fixtures.bundle(Fixtures.MESSAGE_BUNDLE).verificationMaterial().certificates().get(0).der()));
            return leaf.getNotBefore().toInstant().plusSeconds(1);
        } catch (CertificateException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void certificate(byte[] input) throws Exception {
        Outcome.expect(() -> VERIFIER.verify(List.of(input), ROOT, SIGNED_AT), VerificationException.class);
        X509Certificate parsed;
        try {
            parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(input));
        } catch (CertificateException notACertificate) {
            return;
        }
        // documented: IllegalArgumentException when the SAN extension or a Fulcio extension is malformed
        Outcome.expect(() -> CertificateIdentity.of(parsed).issuer(), IllegalArgumentException.class);
    }
}
