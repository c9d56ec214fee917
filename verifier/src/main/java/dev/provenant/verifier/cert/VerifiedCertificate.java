package dev.provenant.verifier.cert;

import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.trust.CertificateAuthority;
import java.security.cert.X509Certificate;

/**
 * A signing certificate that chains to a trusted Fulcio CA at every verified signing time and carries
 * a verified SCT. Its identity is read, not yet checked against a policy.
 *
 * @param leaf the signing certificate; its key is the one to verify the signature with
 * @param authority the trusted root's certificate authority it chains to
 * @param identity who the certificate was issued to
 * @param verifiedScts how many distinct trusted CT logs have a verified SCT for it (at least one)
 */
public record VerifiedCertificate(X509Certificate leaf, CertificateAuthority authority, CertificateIdentity identity, int verifiedScts) {
}
