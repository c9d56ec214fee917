package dev.provenant.verifier.cert;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * A v1 SignedCertificateTimestamp (RFC 6962 section 3.2) as embedded in a certificate.
 *
 * @param logId SHA-256 of the log's DER SubjectPublicKeyInfo
 * @param timestamp milliseconds since the epoch
 * @param extensions the {@code CtExtensions} bytes; opaque to RFC 6962, but signed, so kept exactly
 * @param hashAlgorithm the TLS HashAlgorithm code (4 is SHA-256)
 * @param signatureAlgorithm the TLS SignatureAlgorithm code (1 RSA, 3 ECDSA)
 * @param signature the signature bytes (DER for ECDSA)
 */
record SignedCertificateTimestamp(byte[] logId, long timestamp, byte[] extensions, int hashAlgorithm, int signatureAlgorithm,
        byte[] signature) {

    /** The X.509 extension carrying the SignedCertificateTimestampList (RFC 6962 section 3.3). */
    static final String EMBEDDED_LIST_OID = dev.provenant.x509.PrecertificateTbs.EMBEDDED_SCT_LIST_OID;
    static final int V1 = 0;
    private static final int CERTIFICATE_TIMESTAMP = 0;
    private static final int PRECERT_ENTRY = 1;

    Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /**
     * The v1 SCTs of an embedded list, given the extension as the JDK returns it. SCTs of other versions
     * are skipped: the list prefixes each SCT with its length precisely so that a client can pass over
     * versions it does not understand (RFC 6962 section 3.3).
     */
    static List<SignedCertificateTimestamp> parseEmbedded(byte[] extensionDer) throws VerificationException {
        byte[] list;
        try {
            // extnValue is an OCTET STRING whose content is itself the OCTET STRING of the TLS-encoded list.
            list = octets(octets(extensionDer));
        } catch (IOException | IllegalArgumentException e) {
            throw malformed("the SCT list extension is not an OCTET STRING");
        }
        try {
            TlsReader reader = new TlsReader(list);
            TlsReader scts = new TlsReader(reader.vector16());
            if (reader.remaining() != 0) {
                throw malformed("the SCT list has bytes after its end");
            }
            List<SignedCertificateTimestamp> out = new ArrayList<>();
            while (scts.remaining() > 0) {
                byte[] serialized = scts.vector16();
                TlsReader sct = new TlsReader(serialized);
                if (sct.uint8() == V1) {
                    out.add(readV1(sct));
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw malformed("the embedded SCT list is malformed: " + e.getMessage());
        }
    }

    /** The content of the DER OCTET STRING {@code der}; empty or other input is refused, never read as absent. */
    private static byte[] octets(byte[] der) throws IOException {
        if (der == null || der.length == 0) {
            throw new IOException("no DER value");
        }
        if (!(ASN1Primitive.fromByteArray(der) instanceof ASN1OctetString octets)) {
            throw new IOException("not an OCTET STRING");
        }
        return octets.getOctets();
    }

    private static SignedCertificateTimestamp readV1(TlsReader sct) {
        byte[] logId = sct.bytes(32);
        long timestamp = sct.uint64();
        byte[] extensions = sct.vector16();
        int hash = sct.uint8();
        int signatureAlgorithm = sct.uint8();
        byte[] signature = sct.vector16();
        if (sct.remaining() != 0) {
            throw new IllegalArgumentException("an SCT has bytes after its signature");
        }
        return new SignedCertificateTimestamp(logId, timestamp, extensions, hash, signatureAlgorithm, signature);
    }

    /**
     * What the log signed for a precertificate entry (RFC 6962 section 3.2): version, signature type
     * certificate_timestamp, timestamp, entry type precert_entry, the issuer key hash, the
     * precertificate's TBSCertificate as {@code opaque<1..2^24-1>}, and the SCT's extensions.
     */
    byte[] signedData(byte[] issuerKeyHash, byte[] precertificateTbs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(V1);
        out.write(CERTIFICATE_TIMESTAMP);
        writeUint(out, timestamp, 8);
        writeUint(out, PRECERT_ENTRY, 2);
        out.writeBytes(issuerKeyHash);
        writeUint(out, precertificateTbs.length, 3);
        out.writeBytes(precertificateTbs);
        writeUint(out, extensions.length, 2);
        out.writeBytes(extensions);
        return out.toByteArray();
    }

    private static void writeUint(ByteArrayOutputStream out, long value, int size) {
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }

    private static VerificationException malformed(String message) {
        return new VerificationException(Check.SCT, message);
    }
}
