package dev.provenant.verifier.pkix;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * RFC 5280 path validation by the JDK's PKIX validator, for paths {@link TrustedPath} does not check
 * itself (name or policy constraints, algorithms other than ECDSA on the NIST curves). It verifies every
 * signature with the JDK's providers again, so it is the slow path.
 */
final class JdkPathValidation {
    private JdkPathValidation() {}

    /** @param path target first, up to the certificate the anchor issued */
    static void validate(List<X509Certificate> path, X509Certificate anchor, Instant time) throws PathException {
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            // Sigstore certificates carry no revocation information; a trusted root's validFor retires a CA.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(time));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw new PathException(oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
