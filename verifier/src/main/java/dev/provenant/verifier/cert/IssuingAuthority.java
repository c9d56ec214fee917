package dev.provenant.verifier.cert;

import dev.provenant.verifier.trust.CertificateAuthority;
import java.security.cert.X509Certificate;

/**
 * The trusted certificate authority a leaf chains to, and the certificate of it that signed the leaf:
 * its key is the issuer key an embedded SCT commits to.
 */
record IssuingAuthority(CertificateAuthority authority, X509Certificate issuer) {
}
