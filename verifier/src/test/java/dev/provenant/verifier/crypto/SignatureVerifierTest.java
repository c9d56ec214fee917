package dev.provenant.verifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle ECDSA path against signatures the JDK made, and against each way one can be wrong. */
class SignatureVerifierTest {
    private static final byte[] MESSAGE = "in-toto statement bytes".getBytes(StandardCharsets.UTF_8);
    private static final KeyPair P256 = keys("secp256r1");
    private static final BigInteger P256_N = ((ECPublicKey) P256.getPublic()).getParams().getOrder();

    private final SignatureVerifier verifier = new SignatureVerifier();

    private static KeyPair keys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(KeyPair keys, String algorithm, byte[] message) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger[] rs(byte[] der) throws Exception {
        return StandardDSAEncoding.INSTANCE.decode(null, der);
    }

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return StandardDSAEncoding.INSTANCE.encode(null, r, s);
    }

    private static byte[] raw(BigInteger n, BigInteger r, BigInteger s) {
        return PlainDSAEncoding.INSTANCE.encode(n, r, s);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA", "secp521r1, SHA512withECDSA"})
    void verifiesDerAndRawSignaturesOfEachCurve(String curve, String algorithm) throws Exception {
        KeyPair keys = keys(curve);
        byte[] der = sign(keys, algorithm, MESSAGE);
        BigInteger[] rs = rs(der);
        byte[] raw = raw(((ECPublicKey) keys.getPublic()).getParams().getOrder(), rs[0], rs[1]);

        assertThat(verifier.verifyMessage(keys.getPublic(), MESSAGE, der)).isTrue();
        assertThat(verifier.verifyMessage(keys.getPublic(), MESSAGE, raw)).isTrue();
        assertThat(verifier.verifyDerMessage(keys.getPublic(), MESSAGE, der)).isTrue();
        // Logs, SCTs and certificates write DER; the raw form is not read there.
        assertThat(verifier.verifyDerMessage(keys.getPublic(), MESSAGE, raw)).isFalse();
    }

    @Test
    void verifiesAPrecomputedDigest() {
        byte[] signature = sign(P256, "SHA256withECDSA", MESSAGE);
        Digest digest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(MESSAGE));

        assertThat(verifier.verifyDigest(P256.getPublic(), digest, signature)).isTrue();
    }

    @Test
    void aFlippedBitInTheMessageOrTheSignatureFails() throws Exception {
        byte[] signature = sign(P256, "SHA256withECDSA", MESSAGE);
        byte[] message = MESSAGE.clone();
        message[3] ^= 1;
        BigInteger[] rs = rs(signature);

        assertThat(verifier.verifyMessage(P256.getPublic(), message, signature)).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(rs[0], rs[1].flipBit(7)))).isFalse();
        byte[] corrupted = signature.clone();
        corrupted[corrupted.length - 1] ^= 1;
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, corrupted)).isFalse();
    }

    @Test
    void rAndSMustLieBetweenOneAndTheOrder() throws Exception {
        BigInteger[] rs = rs(sign(P256, "SHA256withECDSA", MESSAGE));

        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(BigInteger.ZERO, rs[1]))).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, raw(P256_N, BigInteger.ZERO, rs[1]))).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(rs[0], BigInteger.ZERO))).isFalse();
        // s + n is the same residue: a verifier reducing mod n would accept it.
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(rs[0], rs[1].add(P256_N)))).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(rs[0], P256_N))).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, der(rs[0].add(P256_N), rs[1]))).isFalse();
    }

    @Test
    void malformedSignaturesFail() throws Exception {
        byte[] signature = sign(P256, "SHA256withECDSA", MESSAGE);
        byte[] trailing = java.util.Arrays.copyOf(signature, signature.length + 1);

        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, new byte[0])).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, new byte[] {0x30, 0x00})).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, trailing)).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, new byte[63])).isFalse();
    }

    @Test
    void aKeyOfAnotherCurveFails() {
        KeyPair p384 = keys("secp384r1");
        byte[] signature = sign(P256, "SHA256withECDSA", MESSAGE);

        assertThat(verifier.verifyMessage(p384.getPublic(), MESSAGE, signature)).isFalse();
    }

    @Test
    void aCurveOtherThanTheNistOnesIsRefused() {
        // secp256k1: same field size as P-256, a = 0, b = 7; the JDK 17 no longer generates its keys.
        BigInteger p = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
        ECParameterSpec k1 = new ECParameterSpec(new EllipticCurve(new ECFieldFp(p), BigInteger.ZERO, BigInteger.valueOf(7)),
                new ECPoint(new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16),
                        new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16)),
                new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16), 1);
        ECPublicKey key = key(k1, k1.getGenerator());

        assertThatThrownBy(() -> EcdsaKey.of(key)).isInstanceOf(InvalidKeyException.class).hasMessageContaining("not on P-256");
        assertThat(verifier.verifyMessage(key, MESSAGE, sign(P256, "SHA256withECDSA", MESSAGE))).isFalse();
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        ECPublicKey good = (ECPublicKey) P256.getPublic();
        ECPoint off = new ECPoint(good.getW().getAffineX(), good.getW().getAffineY().add(BigInteger.ONE));
        ECPublicKey key = key(good.getParams(), off);

        assertThatThrownBy(() -> EcdsaKey.of(key)).isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a valid point");
        assertThat(verifier.verifyMessage(key, MESSAGE, sign(P256, "SHA256withECDSA", MESSAGE))).isFalse();
    }

    @Test
    void theHashMustBeTheCurvesHash() {
        // A P-256 signature over a SHA-384 digest is not a PKIX_ECDSA_P256_SHA_256 signature.
        byte[] sha384 = DigestAlgorithm.SHA384.newMessageDigest().digest(MESSAGE);
        byte[] overSha384 = sign(P256, "SHA384withECDSA", MESSAGE);

        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, overSha384)).isFalse();
        assertThat(verifier.verifyDigest(P256.getPublic(), new Digest(DigestAlgorithm.SHA384, sha384), overSha384)).isFalse();
        // Where the signed structure names the hash (X.509, SCTs), that hash is used.
        assertThat(verifier.verifyDerMessage(P256.getPublic(), DigestAlgorithm.SHA384, MESSAGE, overSha384)).isTrue();
        assertThat(verifier.verifyDerMessage(P256.getPublic(), DigestAlgorithm.SHA256, MESSAGE, overSha384)).isFalse();
    }

    @Test
    void rsaAndEd25519StayOnTheJdk() {
        KeyPair rsa = keys("RSA", 2048);
        KeyPair ed = keys("Ed25519", 0);

        assertThat(verifier.verifyMessage(rsa.getPublic(), MESSAGE, sign(rsa, "SHA256withRSA", MESSAGE))).isTrue();
        assertThat(verifier.verifyDerMessage(rsa.getPublic(), DigestAlgorithm.SHA256, MESSAGE, sign(rsa, "SHA256withRSA", MESSAGE))).isTrue();
        assertThat(verifier.verifyMessage(ed.getPublic(), MESSAGE, sign(ed, "Ed25519", MESSAGE))).isTrue();
        assertThat(verifier.verifyDerMessage(ed.getPublic(), MESSAGE, sign(ed, "Ed25519", MESSAGE))).isTrue();
        assertThat(verifier.verifyMessage(ed.getPublic(), MESSAGE, sign(P256, "SHA256withECDSA", MESSAGE))).isFalse();
    }

    @Test
    void aRememberedKeyStillRefusesOtherSignatures() {
        byte[] good = sign(P256, "SHA256withECDSA", MESSAGE);
        byte[] other = sign(keys("secp256r1"), "SHA256withECDSA", MESSAGE);

        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, good)).isTrue();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, other)).isFalse();
        assertThat(verifier.verifyMessage(P256.getPublic(), MESSAGE, good)).isTrue();
    }

    private static KeyPair keys(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC key with arbitrary parameters and point, which the JDK's key factory would not build. */
    private static ECPublicKey key(ECParameterSpec params, ECPoint w) {
        return new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return w;
            }

            @Override
            public ECParameterSpec getParams() {
                return params;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
    }

    @Test
    void anEd25519SignatureIsExactlySixtyFourBytes() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] signature = sign(ed, "Ed25519", MESSAGE);
        assertThat(verifier.verifyMessage(ed.getPublic(), MESSAGE, signature)).isTrue();
        // the JDK's Ed25519 verifier reads a 65-byte signature ending in a zero byte as the 64-byte one
        byte[] padded = java.util.Arrays.copyOf(signature, 65);
        assertThat(verifier.verifyMessage(ed.getPublic(), MESSAGE, padded)).isFalse();
        assertThat(verifier.verifyMessage(ed.getPublic(), MESSAGE, java.util.Arrays.copyOf(signature, 63))).isFalse();
        assertThat(dev.provenant.attest.sslib.SslibScheme.ED25519.verify(ed.getPublic(), MESSAGE, padded)).isFalse();
        assertThat(dev.provenant.attest.sslib.SslibScheme.ED25519.verify(ed.getPublic(), MESSAGE, signature)).isTrue();
    }
}
