package dev.provenant.verifier.crypto;

import dev.provenant.attest.digest.DigestAlgorithm;
import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ECParametersHolder;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The NIST prime curves Sigstore signs with, each with the hash its ECDSA scheme uses. Bouncy Castle's
 * custom curve implementations are used because their field arithmetic is about ten times faster than
 * the JDK 17 SunEC provider's; only the lightweight API is touched, no JCA provider is loaded.
 */
public enum EcCurve {
    P256("secp256r1", DigestAlgorithm.SHA256),
    P384("secp384r1", DigestAlgorithm.SHA384),
    P521("secp521r1", DigestAlgorithm.SHA512);

    /** Built by Bouncy Castle on first use, once, under its own lock. */
    private final X9ECParametersHolder parameters;
    private final DigestAlgorithm hash;

    EcCurve(String name, DigestAlgorithm hash) {
        this.parameters = CustomNamedCurves.getByNameLazy(name);
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
