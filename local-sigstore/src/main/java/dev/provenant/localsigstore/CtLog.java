package dev.provenant.localsigstore;

import dev.provenant.x509.PrecertificateTbs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A certificate transparency log that only countersigns: given a precertificate (RFC 6962 section 3.1)
 * issued by the trusted CA, it returns a signed certificate timestamp over the precertificate's
 * TBSCertificate with the poison extension removed, which the CA then embeds in the final certificate.
 * It keeps no log; the stack's Rekor log is where signatures become public.
 */
final class CtLog {
    static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
    private static final int PRECERT_ENTRY = 1;
    private static final int SHA256 = 4;
    private static final int ECDSA = 3;

    private final KeyPair keys;
    private final byte[] logId;
    private final PublicKey acceptedIssuer;
    private final Clock clock;

    CtLog(KeyPair keys, PublicKey acceptedIssuer, Clock clock) {
        this.keys = keys;
        this.acceptedIssuer = acceptedIssuer;
        this.clock = clock;
        this.logId = sha256(keys.getPublic().getEncoded());
    }

    byte[] logId() {
        return logId.clone();
    }

    /** A TLS-encoded SignedCertificateTimestamp for {@code precertificate}. */
    byte[] submitPrecertificate(X509CertificateHolder precertificate) throws GeneralSecurityException, IOException {
        Extension poison = precertificate.getExtension(POISON);
        if (poison == null || !poison.isCritical()) {
            throw new GeneralSecurityException("not a precertificate: it lacks the critical CT poison extension");
        }
        try {
            if (!precertificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(acceptedIssuer))) {
                throw new GeneralSecurityException("the precertificate is not signed by the CA this log accepts");
            }
        } catch (OperatorCreationException | CertException e) {
            throw new GeneralSecurityException("the precertificate's signature cannot be checked: " + e.getMessage(), e);
        }
        long timestamp = clock.millis();
        byte[] tbs = tbsWithoutPoison(precertificate);

        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(0); // sct_version v1
        signed.write(0); // signature_type certificate_timestamp
        writeUint(signed, timestamp, 8);
        writeUint(signed, PRECERT_ENTRY, 2);
        signed.write(sha256(acceptedIssuer.getEncoded()));
        writeUint(signed, tbs.length, 3);
        signed.write(tbs);
        writeUint(signed, 0, 2); // no CT extensions
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update(signed.toByteArray());
        byte[] signature = ecdsa.sign();

        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(0);
        sct.write(logId);
        writeUint(sct, timestamp, 8);
        writeUint(sct, 0, 2);
        sct.write(SHA256);
        sct.write(ECDSA);
        writeUint(sct, signature.length, 2);
        sct.write(signature);
        return sct.toByteArray();
    }

    /** The TLS SignedCertificateTimestampList that goes into the certificate's extension. */
    static byte[] list(byte[] sct) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeUint(out, sct.length + 2L, 2);
        writeUint(out, sct.length, 2);
        out.write(sct);
        return out.toByteArray();
    }

    // The precertificate's TBSCertificate with only the poison extension taken out, as the verifier rebuilds it.
    private static byte[] tbsWithoutPoison(X509CertificateHolder precertificate) throws IOException {
        return PrecertificateTbs.withoutExtension(precertificate.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER),
                POISON);
    }

    private static void writeUint(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
