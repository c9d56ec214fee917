package dev.provenant.verifier.pkix;

import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.crypto.SignatureVerifier;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/**
 * Checks that a certificate was signed by an issuer's key. ECDSA signatures (ecdsa-with-SHA256/384/512)
 * go through the verifier's {@link SignatureVerifier} over the TBS bytes; any other algorithm is left to
 * the JDK's {@link X509Certificate#verify(PublicKey)}, which is fast enough for RSA.
 */
public final class CertificateSignature {
    private final SignatureVerifier signatures;

    public CertificateSignature(SignatureVerifier signatures) {
        this.signatures = signatures;
    }

    public boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
        Optional<DigestAlgorithm> hash = ecdsaHash(certificate);
        if (hash.isPresent() && issuerKey instanceof ECPublicKey) {
            try {
                return signatures.verifyDerMessage(issuerKey, hash.get(), certificate.getTBSCertificate(), certificate.getSignature());
            } catch (java.security.cert.CertificateEncodingException e) {
                return false;
            }
        }
        try {
            certificate.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The hash of the certificate's ECDSA signature algorithm; empty for any other algorithm, or when the
     * algorithm carries parameters, which RFC 5758 says ECDSA identifiers must not.
     */
    static Optional<DigestAlgorithm> ecdsaHash(X509Certificate certificate) {
        if (certificate.getSigAlgParams() != null) {
            return Optional.empty();
        }
        return switch (certificate.getSigAlgOID()) {
            case "1.2.840.10045.4.3.2" -> Optional.of(DigestAlgorithm.SHA256);
            case "1.2.840.10045.4.3.3" -> Optional.of(DigestAlgorithm.SHA384);
            case "1.2.840.10045.4.3.4" -> Optional.of(DigestAlgorithm.SHA512);
            default -> Optional.empty();
        };
    }
}
