package dev.provenant.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gcpkms:// keys through Signers against GcpKmsDouble, with a service account credentials file. */
class GcpKmsSignerTest {
    @TempDir
    Path dir;

    GcpKmsDouble kms;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        kms = new GcpKmsDouble();
        env = new HashMap<>();
        env.put("GOOGLE_APPLICATION_CREDENTIALS", kms.writeCredentials(dir.resolve("sa.json"), true).toString());
        env.put(GcpKmsSignerProvider.ENDPOINT_VARIABLE, kms.endpoint());
    }

    @AfterEach
    void stop() {
        kms.close();
    }

    private Signer open(String keyRef) throws SigningException {
        return Signers.discover().open(keyRef, new SecretSource(env, SecretSource.PASSWORD_VARIABLE, null));
    }

    @ParameterizedTest
    @CsvSource({"EC_SIGN_P256_SHA256, SHA256withECDSA, SHA-256, sha256",
        "EC_SIGN_P384_SHA384, SHA384withECDSA, SHA-384, sha384",
        "RSA_SIGN_PKCS1_3072_SHA256, SHA256withRSA, SHA-256, sha256"})
    void signsADigestInKmsThatVerifiesWithTheKeysPublicHalf(String algorithm, String jca, String hash, String field) throws Exception {
        String resource = kms.createKey("release", algorithm);
        byte[] message = "a DSSE pre-authentication encoding".getBytes(StandardCharsets.UTF_8);
        try (Signer signer = open("gcpkms://" + resource)) {
            assertThat(signer.publicKey().getEncoded()).isEqualTo(kms.publicKey(resource).getEncoded());
            byte[] signature = signer.sign(message);
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(kms.publicKey(resource));
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
        var requests = kms.requests();
        assertThat(requests).extracting(GcpKmsDouble.Request::path)
                .containsExactly("/token", "/v1/" + resource + "/publicKey", "/v1/" + resource + ":asymmetricSign");
        assertThat(requests.subList(1, 3)).allSatisfy(r -> assertThat(r.headers().get("Authorization").get(0)).startsWith("Bearer ya29.double-"));
        byte[] digest = MessageDigest.getInstance(hash).digest(message);
        assertThat(requests.get(2).body()).contains("\"" + field + "\":\"" + Base64.getEncoder().encodeToString(digest) + "\"")
                .contains("digestCrc32c").doesNotContain(Base64.getEncoder().encodeToString(message));
    }

    @Test
    void anUnknownKeyVersionIsABadReference() {
        assertThatThrownBy(() -> open("gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/missing/cryptoKeyVersions/1"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("Cloud KMS has no key version")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("ya29."));
    }

    @Test
    void anUnreachableEndpointIsAServiceFailure() throws Exception {
        String resource = kms.createKey("release", "EC_SIGN_P256_SHA256");
        env.put(GcpKmsSignerProvider.ENDPOINT_VARIABLE, "http://127.0.0.1:1");
        assertThatThrownBy(() -> open("gcpkms://" + resource))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("unreachable").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void keysThatCannotSignAsProvenantDoesAreRefusedByName() throws Exception {
        String pss = kms.createKey("pss", "RSA_SIGN_PSS_3072_SHA256");
        assertThatThrownBy(() -> open("gcpkms://" + pss)).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("is a RSA_SIGN_PSS_3072_SHA256 key");
        assertThat(kms.requests()).noneMatch(r -> r.path().endsWith(":asymmetricSign"));
    }

    @Test
    void credentialsTheServiceDoesNotKnowAreAServiceFailure() throws Exception {
        String resource = kms.createKey("release", "EC_SIGN_P256_SHA256");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", kms.writeCredentials(dir.resolve("other.json"), false).toString());
        assertThatThrownBy(() -> open("gcpkms://" + resource))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("refused the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("PRIVATE KEY"));
    }

    @Test
    void malformedReferencesAndCredentialFilesAreBadReferences() throws Exception {
        assertThatThrownBy(() -> open("gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("cryptoKeyVersions/N");
        String resource = kms.createKey("release", "EC_SIGN_P256_SHA256");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("absent.json").toString());
        assertThatThrownBy(() -> open("gcpkms://" + resource)).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
    }
}
