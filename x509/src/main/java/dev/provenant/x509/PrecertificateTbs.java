package dev.provenant.x509;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Rebuilds the TBSCertificate a CT log signs for a precertificate (RFC 6962 section 3.2): a
 * TBSCertificate with one extension removed (the embedded SCT list of an issued certificate, or the
 * poison extension of a precertificate), everything else, including the order of the remaining
 * extensions, unchanged. The verifier checks SCTs with it; a CT log that issues them (the embedded stack's)
 * signs the same. A leaf: it depends on Bouncy Castle's ASN.1 only, so the embedded stack need not load the verifier.
 */
public final class PrecertificateTbs {
    /** The X.509 extension holding an issued certificate's embedded SCT list (RFC 6962 section 3.3). */
    public static final String EMBEDDED_SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
    private static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier(EMBEDDED_SCT_LIST_OID);
    private static final int EXTENSIONS_TAG = 3;

    private PrecertificateTbs() {}

    /**
     * The precertificate TBSCertificate of an issued certificate: its own without the embedded SCT list.
     *
     * @throws IOException when the certificate's TBSCertificate cannot be read or re-encoded
     */
    public static byte[] of(X509Certificate certificate) throws IOException {
        try {
            return withoutExtension(certificate.getTBSCertificate(), SCT_LIST);
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The DER TBSCertificate {@code tbs} without extension {@code oid}, the rest as it was. */
    public static byte[] withoutExtension(byte[] tbs, ASN1ObjectIdentifier oid) throws IOException {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable field : ASN1Sequence.getInstance(tbs)) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == EXTENSIONS_TAG) {
                ASN1EncodableVector kept = new ASN1EncodableVector();
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    if (!Extension.getInstance(extension).getExtnId().equals(oid)) {
                        kept.add(extension);
                    }
                }
                if (kept.size() > 0) {
                    fields.add(new DERTaggedObject(true, EXTENSIONS_TAG, new DERSequence(kept)));
                }
            } else {
                fields.add(field);
            }
        }
        return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    }
}
