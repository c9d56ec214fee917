package dev.provenant.verifier.crypto;

import dev.provenant.attest.digest.DigestAlgorithm;
import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ECParametersHolder;
import org.bouncycastle.asn1.x9.X9ECPoint;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP521R1Curve;

/**
 * The NIST prime curves Sigstore signs with, each with the hash its ECDSA scheme uses. Bouncy Castle's
 * custom curve implementations are used because their field arithmetic is about ten times faster than
 * the JDK 17 SunEC provider's; only the lightweight API is touched, no JCA provider is loaded.
 */
public enum EcCurve {
    // The generators are those of FIPS 186-4, appendix D.1.2; EcCurveTest checks every parameter
    // against Bouncy Castle's named-curve table and the JDK's.
    P256(DigestAlgorithm.SHA256, 256,
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
    P384(DigestAlgorithm.SHA384, 384,
            "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
            "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f"),
    P521(DigestAlgorithm.SHA512, 521,
            "c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
            "11839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650");

    /**
     * Built from Bouncy Castle's custom curve implementation on first use, once, under its own lock;
     * going through its named-curve table instead would load every curve it knows.
     */
    private final X9ECParametersHolder parameters;
    private final DigestAlgorithm hash;

    EcCurve(DigestAlgorithm hash, int bits, String gx, String gy) {
        this.parameters = new X9ECParametersHolder() {
            @Override
            protected ECCurve createCurve() {
                // A switch, not a constructor reference: no lambda class to spin up at start.
                switch (bits) {
                    case 256: return new SecP256R1Curve();
                    case 384: return new SecP384R1Curve();
                    default: return new SecP521R1Curve();
                }
            }

            @Override
            protected X9ECParameters createParameters() {
                ECCurve c = getCurve();
                ECPoint g = c.validatePoint(new BigInteger(gx, 16), new BigInteger(gy, 16));
                return new X9ECParameters(c, new X9ECPoint(g, false), c.getOrder(), c.getCofactor(), null);
            }
        };
        this.hash = hash;
    }

    /** The hash this curve's Sigstore signing scheme signs (SHA-256 for P-256, and so on). */
    public DigestAlgorithm hash() {
        return hash;
    }

    ECDomainParameters domain() {
        return new ECDomainParameters(parameters.getParameters());
    }

    /**
     * The curve {@code spec} describes, compared by value (prime, coefficients, generator, order,
     * cofactor), so a key is accepted only on exactly one of these curves, however its provider names it.
     */
    public static Optional<EcCurve> of(ECParameterSpec spec) {
        if (spec == null || !(spec.getCurve().getField() instanceof ECFieldFp field)) {
            return Optional.empty();
        }
        for (EcCurve curve : values()) {
            X9ECParameters x9 = curve.parameters.getParameters();
            ECCurve c = x9.getCurve();
            ECPoint g = x9.getG();
            if (x9.getN().equals(spec.getOrder())
                    && c.getField().getCharacteristic().equals(field.getP())
                    && c.getA().toBigInteger().equals(spec.getCurve().getA())
                    && c.getB().toBigInteger().equals(spec.getCurve().getB())
                    && g.getAffineXCoord().toBigInteger().equals(spec.getGenerator().getAffineX())
                    && g.getAffineYCoord().toBigInteger().equals(spec.getGenerator().getAffineY())
                    && x9.getH().equals(BigInteger.valueOf(spec.getCofactor()))) {
                return Optional.of(curve);
            }
        }
        return Optional.empty();
    }
}
