package dev.provenant.verifier.timestamp;

import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.crypto.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Lets Bouncy Castle's CMS code check a timestamp's signature with the verifier's
 * {@link SignatureVerifier}: ECDSA with SHA-256/384/512 runs on the fast lightweight path, any other
 * algorithm on the JDK's providers as {@code JcaSimpleSignerInfoVerifierBuilder} would run it. The
 * signed attributes are small, so they are buffered and verified in one call.
 */
final class CmsSignatureVerifierProvider implements ContentVerifierProvider {
    private static final Map<ASN1ObjectIdentifier, DigestAlgorithm> ECDSA = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, DigestAlgorithm.SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, DigestAlgorithm.SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, DigestAlgorithm.SHA512);

    private final X509Certificate certificate;
    private final X509CertificateHolder holder;
    private final SignatureVerifier signatures;

    CmsSignatureVerifierProvider(X509Certificate certificate, X509CertificateHolder holder, SignatureVerifier signatures) {
        this.certificate = certificate;
        this.holder = holder;
        this.signatures = signatures;
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return true;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return holder;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        DigestAlgorithm hash = ECDSA.get(algorithm.getAlgorithm());
        if (hash == null || !(certificate.getPublicKey() instanceof ECPublicKey)) {
            return new JcaContentVerifierProviderBuilder().build(certificate).get(algorithm);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        return new ContentVerifier() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return signed;
            }

            @Override
            public boolean verify(byte[] signature) {
                return signatures.verifyDerMessage(certificate.getPublicKey(), hash, signed.toByteArray(), signature);
            }
        };
    }
}
