package dev.provenant.verifier.pkix;

import java.security.cert.X509Certificate;

/** A certificate whose issuer name and signature a {@link TrustedPath} has checked; only it makes these. */
public final class IssuedCertificate {
    private final X509Certificate certificate;
    private final TrustedPath issuer;

    IssuedCertificate(X509Certificate certificate, TrustedPath issuer) {
        this.certificate = certificate;
        this.issuer = issuer;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    TrustedPath issuer() {
        return issuer;
    }
}
