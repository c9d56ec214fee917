package dev.provenant.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * awskms:// keys through Signers against AwsKmsDouble. The SDK's default chains read the credentials,
 * region and endpoint from the aws.* system properties set here.
 */
class AwsKmsSignerTest {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    AwsKmsDouble kms;

    @BeforeEach
    void start() throws Exception {
        kms = new AwsKmsDouble(ACCESS_KEY, SECRET_KEY);
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", AwsKmsDouble.REGION);
        System.setProperty("aws.endpointUrl", kms.endpoint());
    }

    @AfterEach
    void stop() {
        kms.close();
        for (String p : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.region", "aws.endpointUrl"}) {
            System.clearProperty(p);
        }
    }

    private static Signer open(String keyRef) throws SigningException {
        return Signers.discover().open(keyRef, new SecretSource(Map.of(), SecretSource.PASSWORD_VARIABLE, null));
    }

    @ParameterizedTest
    @CsvSource({"ECC_NIST_P256, SHA256withECDSA, SHA-256, ECDSA_SHA_256",
        "ECC_NIST_P384, SHA384withECDSA, SHA-384, ECDSA_SHA_384",
        "RSA_3072, SHA256withRSA, SHA-256, RSASSA_PKCS1_V1_5_SHA_256"})
    void signsADigestInKmsThatVerifiesWithTheKeysPublicHalf(String spec, String jca, String hash, String kmsAlgorithm) throws Exception {
        AwsKmsDouble.Key key = kms.createKey("release", spec);
        byte[] message = "a DSSE pre-authentication encoding".getBytes(StandardCharsets.UTF_8);
        for (String ref : new String[] {"awskms:///alias/release", "awskms:///" + key.id(), "awskms:///" + key.arn()}) {
            try (Signer signer = open(ref)) {
                assertThat(signer.publicKey().getEncoded()).isEqualTo(key.pair().getPublic().getEncoded());
                byte[] signature = signer.sign(message);
                Signature verifier = Signature.getInstance(jca);
                verifier.initVerify(key.pair().getPublic());
                verifier.update(message);
                assertThat(verifier.verify(signature)).as(ref).isTrue();
            }
        }
        var requests = kms.requests();
        assertThat(requests).extracting(AwsKmsDouble.Request::target).startsWith("TrentService.GetPublicKey", "TrentService.Sign");
        assertThat(requests).allSatisfy(r -> assertThat(r.headers().get("Authorization").get(0))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/").doesNotContain(SECRET_KEY));
        String sign = requests.get(1).body();
        byte[] digest = MessageDigest.getInstance(hash).digest(message);
        assertThat(sign).contains("\"Message\":\"" + Base64.getEncoder().encodeToString(digest) + "\"")
                .contains("\"MessageType\":\"DIGEST\"").contains("\"SigningAlgorithm\":\"" + kmsAlgorithm + "\"")
                .doesNotContain(Base64.getEncoder().encodeToString(message));
    }

    @Test
    void anUnknownKeyIsABadReference() {
        assertThatThrownBy(() -> open("awskms:///alias/missing"))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("AWS KMS has no key alias/missing").hasMessageContaining("NotFoundException")
                .satisfies(e -> assertOneLineWithoutSecret(e.getMessage()));
    }

    @Test
    void anUnreachableEndpointIsAServiceFailure() throws Exception {
        kms.createKey("release", "ECC_NIST_P256");
        assertThatThrownBy(() -> open("awskms://127.0.0.1:1/alias/release"))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertOneLineWithoutSecret(e.getMessage()));
    }

    @Test
    void keysThatCannotSignAsProvenantDoesAreRefusedByName() throws Exception {
        kms.createKey("data", "SYMMETRIC_DEFAULT");
        assertThatThrownBy(() -> open("awskms:///alias/data")).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("awskms:///alias/data cannot sign")
                .satisfies(e -> assertOneLineWithoutSecret(e.getMessage()));
        // a key on secp256k1 has a public key and signs, but not with a scheme Provenant bundles carry
        kms.createKey("bitcoin", "ECC_SECG_P256K1");
        assertThatThrownBy(() -> open("awskms:///alias/bitcoin")).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("awskms:///alias/bitcoin is a ECC_SECG_P256K1 key");
        assertThat(kms.requests()).noneMatch(r -> "TrentService.Sign".equals(r.target()));
    }

    @Test
    void wrongCredentialsAreAServiceFailureThatDoesNotQuoteThem() throws Exception {
        kms.createKey("release", "ECC_NIST_P256");
        System.setProperty("aws.secretAccessKey", "not-the-secret-key-at-all");
        assertThatThrownBy(() -> open("awskms:///alias/release"))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("refused the credentials").hasMessageContaining("InvalidSignatureException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-key-at-all"));
        System.setProperty("aws.accessKeyId", "AKIAUNKNOWNKEY000000");
        assertThatThrownBy(() -> open("awskms:///alias/release"))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("UnrecognizedClientException");
    }

    @Test
    void malformedReferencesAreBadReferences() {
        for (String ref : new String[] {"awskms://alias/release", "awskms:///release", "awskms://a b/alias/x", "awskms:///"}) {
            assertThatThrownBy(() -> open(ref)).as(ref).isInstanceOf(KeyReferenceException.class).hasMessageContaining("awskms://");
        }
    }

    private static void assertOneLineWithoutSecret(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain(SECRET_KEY);
    }
}
