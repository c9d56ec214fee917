package dev.provenant.localsigstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * The checks a log makes before it accepts an entry: the signature verifies with the key or certificate
 * the entry names. A log that accepted anything would let a verifier's inclusion check prove nothing.
 */
final class EntrySignatures {
    private EntrySignatures() {}

    /** A key from a PEM public key or certificate, as Rekor v1 entries carry them. */
    static PublicKey fromPem(String pem) throws BadRequestException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof X509CertificateHolder holder) {
                return fromSpkiDer(holder.getSubjectPublicKeyInfo().getEncoded());
            }
            if (object instanceof SubjectPublicKeyInfo info) {
                return fromSpkiDer(info.getEncoded());
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        throw new BadRequestException("the entry's verifier is not a PEM public key or certificate");
    }

    static PublicKey fromCertificateDer(byte[] der) throws BadRequestException {
        try {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)))
                    .getPublicKey();
        } catch (CertificateException | RuntimeException e) {
            throw new BadRequestException("the entry's verifier certificate is not DER X.509");
        }
    }

    /** The JDK's own key for the DER, whichever security providers are installed, so algorithm names are the JDK's. */
    static PublicKey fromSpkiDer(byte[] der) throws BadRequestException {
        for (String algorithm : new String[] {"EC", "Ed25519", "RSA"}) {
            try {
                return java.security.KeyFactory.getInstance(algorithm, jdkProvider(algorithm)).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next type
            }
        }
        throw new BadRequestException("the entry's verifier key is not a DER SubjectPublicKeyInfo");
    }

    private static String jdkProvider(String algorithm) {
        return algorithm.equals("EC") ? "SunEC" : algorithm.equals("Ed25519") ? "SunEC" : "SunRsaSign";
    }

    /** A signature over a SHA-256 digest (hashedrekord): ECDSA signs the digest as it is. */
    static void requireDigestSignature(PublicKey key, byte[] digest, byte[] signature) throws BadRequestException {
        if (!"EC".equals(key.getAlgorithm())) {
            throw new BadRequestException("hashedrekord entries are accepted for ECDSA keys only, this key is " + key.getAlgorithm());
        }
        if (!verify("NONEwithECDSA", key, digest, signature)) {
            throw new BadRequestException("the signature does not verify over the digest with the entry's key");
        }
    }

    /** A signature over a whole message (a DSSE PAE). */
    static void requireMessageSignature(PublicKey key, byte[] message, byte[] signature) throws BadRequestException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new BadRequestException("unsupported key type " + key.getAlgorithm());
        };
        if (!verify(algorithm, key, message, signature)) {
            throw new BadRequestException("the DSSE signature does not verify over the envelope with the entry's key");
        }
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
