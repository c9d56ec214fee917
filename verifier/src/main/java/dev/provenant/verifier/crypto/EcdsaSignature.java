package dev.provenant.verifier.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/** An ECDSA signature's two integers. */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    /** How a signature's bytes may be encoded. */
    public enum Encoding {
        /** ASN.1 DER {@code Ecdsa-Sig-Value}, as X.509, SCTs and Rekor write it. */
        DER,
        /** DER, or the fixed-size {@code r||s} some signers (KMS, WebCrypto) produce. */
        DER_OR_RAW
    }

    /** Whether this signature can be valid at all for a curve of order {@code n}: both integers in [1, n-1]. */
    public boolean inRange(BigInteger n) {
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
    }

    /**
     * Every way {@code encoded} reads as a signature: strict DER (re-encoding must give the same bytes),
     * and, when allowed, {@code r||s} if it has exactly twice the scalar length. Both can apply to one byte
     * string, and then either may be the signer's, so both are returned; none means not a signature.
     */
    static List<EcdsaSignature> readings(byte[] encoded, int scalarLength, Encoding encoding) {
        List<EcdsaSignature> out = new ArrayList<>(2);
        if (encoded.length > 0 && encoded[0] == 0x30) {
            try {
                BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(null, encoded);
                out.add(new EcdsaSignature(rs[0], rs[1]));
            } catch (java.io.IOException | RuntimeException e) {
                // not DER; perhaps raw
            }
        }
        if (encoding == Encoding.DER_OR_RAW && encoded.length == 2 * scalarLength) {
            out.add(new EcdsaSignature(new BigInteger(1, Arrays.copyOfRange(encoded, 0, scalarLength)),
                    new BigInteger(1, Arrays.copyOfRange(encoded, scalarLength, encoded.length))));
        }
        return out;
    }
}
