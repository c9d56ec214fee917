package dev.provenant.verifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.AlgorithmParameters;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcCurveTest {

    @ParameterizedTest
    @CsvSource({"P256,secp256r1", "P384,secp384r1", "P521,secp521r1"})
    void parametersAreBouncyCastlesNamedCurveAndMatchTheJdks(EcCurve curve, String name) throws Exception {
        ECDomainParameters ours = curve.domain();
        X9ECParameters named = CustomNamedCurves.getByName(name);
        assertThat(ours.getCurve().equals(named.getCurve())).isTrue();
        assertThat(ours.getG().equals(named.getG())).isTrue();
        assertThat(ours.getN()).isEqualTo(named.getN());
        assertThat(ours.getH()).isEqualTo(named.getH());

        AlgorithmParameters jdk = AlgorithmParameters.getInstance("EC");
        jdk.init(new ECGenParameterSpec(name));
        assertThat(EcCurve.of(jdk.getParameterSpec(ECParameterSpec.class))).contains(curve);
    }
}
