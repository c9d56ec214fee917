package dev.provenant.verifier.pkix;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Reads exactly one DER X.509 certificate. The JDK's certificate factory stops after the first
 * certificate and ignores what follows, so bytes appended to a certificate would go unnoticed and one
 * certificate would have many encodings; here the input must be the certificate's encoding and nothing else.
 */
public final class DerCertificate {
    private DerCertificate() {}

    public static X509Certificate parse(byte[] der) throws CertificateException {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (ClassCastException e) {
            throw new CertificateException("not an X.509 certificate");
        }
        if (certificate == null) {
            throw new CertificateException("no certificate");
        }
        byte[] encoded = certificate.getEncoded();
        if (!MessageDigest.isEqual(encoded, der)) {
            throw new CertificateException(encoded.length < der.length
                    ? (der.length - encoded.length) + " byte(s) follow the DER certificate"
                    : "the certificate is not in DER");
        }
        return certificate;
    }
}
