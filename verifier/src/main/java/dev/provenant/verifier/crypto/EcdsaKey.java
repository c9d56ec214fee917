package dev.provenant.verifier.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA public key on a supported curve, as Bouncy Castle's lightweight verifier takes it. Bouncy
 * Castle keeps the key point's multiplication table on the point object, so a key converted once and
 * reused verifies faster than one converted per signature.
 */
public record EcdsaKey(EcCurve curve, ECPublicKeyParameters parameters) {

    /** The key, refused unless it lies on P-256, P-384 or P-521 and its point is a valid point of that curve. */
    public static EcdsaKey of(ECPublicKey key) throws InvalidKeyException {
        EcCurve curve = EcCurve.of(key.getParams())
                .orElseThrow(() -> new InvalidKeyException("EC key is not on P-256, P-384 or P-521"));
        java.security.spec.ECPoint w = key.getW();
        if (w == null || w.equals(java.security.spec.ECPoint.POINT_INFINITY)) {
            throw new InvalidKeyException("EC key is the point at infinity");
        }
        ECDomainParameters domain = curve.domain();
        try {
            // validatePoint refuses coordinates outside the field or off the curve; the parameters' own
            // check then refuses the identity and points outside the prime-order group.
            ECPoint q = domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY());
            return new EcdsaKey(curve, new ECPublicKeyParameters(q, domain));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("EC key's point is not a valid point of " + curve);
        }
    }

    /** True when one of {@code readings} is a valid signature of {@code digest} (truncated to the order as ECDSA does). */
    public boolean verifies(byte[] digest, List<EcdsaSignature> readings) {
        BigInteger n = parameters.getParameters().getN();
        for (EcdsaSignature signature : readings) {
            if (signature.inRange(n) && verifier().verifySignature(digest, signature.r(), signature.s())) {
                return true;
            }
        }
        return false;
    }

    private ECDSASigner verifier() {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, parameters);
        return signer;
    }

    /** The byte length of one of r or s in the fixed-size {@code r||s} encoding. */
    int scalarLength() {
        return (parameters.getParameters().getN().bitLength() + 7) / 8;
    }
}
