package dev.provenant.verifier.tlog;

import dev.provenant.verifier.pkix.DerCertificate;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * What the bundle says signed: a public key (key-based bundles) or a leaf certificate (keyless). A log
 * entry names its verifier the same way, and the two must be the same kind and the same bytes: a
 * certificate entry does not match a bare key even when the key inside is equal.
 */
public sealed interface SigningMaterial {

    PublicKey publicKey();

    /** True when {@code der} is this material in the form {@code certificate} says it is. */
    boolean sameAs(boolean certificate, byte[] der);

    /** How the material is named in a failure line. */
    String describe();

    static SigningMaterial ofKey(PublicKey key) {
        return new PublicKeyMaterial(key);
    }

    static SigningMaterial ofCertificate(X509Certificate certificate) {
        return new CertificateMaterial(certificate);
    }

    static SigningMaterial ofCertificate(byte[] der) throws CertificateException {
        return new CertificateMaterial(DerCertificate.parse(der));
    }

    record PublicKeyMaterial(PublicKey publicKey) implements SigningMaterial {
        public PublicKeyMaterial {
            if (publicKey == null) {
                throw new IllegalArgumentException("public key is missing");
            }
        }

        @Override
        public boolean sameAs(boolean certificate, byte[] der) {
            return !certificate && Arrays.equals(publicKey.getEncoded(), der);
        }

        @Override
        public String describe() {
            return "the verification key";
        }
    }

    record CertificateMaterial(X509Certificate certificate) implements SigningMaterial {
        public CertificateMaterial {
            if (certificate == null) {
                throw new IllegalArgumentException("certificate is missing");
            }
        }

        @Override
        public PublicKey publicKey() {
            return certificate.getPublicKey();
        }

        @Override
        public boolean sameAs(boolean isCertificate, byte[] der) {
            try {
                return isCertificate && Arrays.equals(certificate.getEncoded(), der);
            } catch (CertificateEncodingException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "the signing certificate";
        }
    }
}
