package dev.provenant.kms.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hashivault:// keys through Signers, against VaultDouble. */
class VaultSignerTest {
    static final String TOKEN = "hvs.test-token-0123456789";

    VaultDouble vault;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        vault = new VaultDouble(TOKEN);
        env = new HashMap<>(Map.of("VAULT_ADDR", vault.address(), "VAULT_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private Signer open(String keyRef) throws SigningException {
        return Signers.discover().open(keyRef, new SecretSource(env, SecretSource.PASSWORD_VARIABLE, null));
    }

    @ParameterizedTest
    @CsvSource({"ecdsa-p256, PKIX_ECDSA_P256_SHA_256, SHA256withECDSA, SHA-256",
        "ecdsa-p384, PKIX_ECDSA_P384_SHA_384, SHA384withECDSA, SHA-384",
        "rsa-3072, PKIX_RSA_PKCS1V15_3072_SHA256, SHA256withRSA, SHA-256"})
    void signsADigestInVaultThatVerifiesWithTheKeysPublicHalf(String type, String sigstoreName, String jca, String hash) throws Exception {
        KeyPair pair = vault.createKey("release", type);
        byte[] message = "a DSSE pre-authentication encoding".getBytes(StandardCharsets.UTF_8);
        try (Signer signer = open("hashivault://release")) {
            assertThat(signer.algorithm().sigstoreName()).isEqualTo(sigstoreName);
            assertThat(signer.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
            byte[] signature = signer.sign(message);
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
        var requests = vault.requests();
        assertThat(requests).extracting(VaultDouble.Request::method, VaultDouble.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/v1/transit/keys/release"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/v1/transit/sign/release"));
        assertThat(requests).allSatisfy(r -> assertThat(r.headers().get("X-vault-token")).containsExactly(TOKEN));
        // only the digest travels: the body holds the message's hash, never the message
        String body = requests.get(1).body();
        byte[] digest = java.security.MessageDigest.getInstance(hash).digest(message);
        assertThat(body).contains("\"input\":\"" + Base64.getEncoder().encodeToString(digest) + "\"")
                .contains("\"prehashed\":true").doesNotContain(Base64.getEncoder().encodeToString(message));
    }

    @Test
    void signsStreamedArtifactDigests() throws Exception {
        KeyPair pair = vault.createKey("artifacts", "ecdsa-p256");
        byte[] artifact = "artifact bytes".getBytes(StandardCharsets.UTF_8);
        var digest = new dev.provenant.attest.digest.Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(artifact));
        try (Signer signer = open("hashivault://artifacts")) {
            byte[] signature = signer.signDigest(digest);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(artifact);
            assertThat(verifier.verify(signature)).isTrue();
            assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        }
    }

    @Test
    void anUnknownKeyIsABadReference() throws Exception {
        assertThatThrownBy(() -> open("hashivault://missing"))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("no transit key 'missing'")
                .satisfies(e -> assertOneLineWithoutToken(e.getMessage()));
    }

    @Test
    void anUnreachableVaultIsAServiceFailure() throws Exception {
        vault.createKey("release", "ecdsa-p256");
        env.put("VAULT_ADDR", "http://127.0.0.1:1");
        assertThatThrownBy(() -> open("hashivault://release"))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertOneLineWithoutToken(e.getMessage()));
    }

    @Test
    void keysThatCannotSignAreRefusedByName() throws Exception {
        vault.createKey("data", "aes256-gcm96");
        vault.createKey("edwards", "ed25519");
        for (String name : new String[] {"data", "edwards"}) {
            assertThatThrownBy(() -> open("hashivault://" + name))
                    .isInstanceOf(KeyReferenceException.class)
                    .hasMessageContaining("hashivault://" + name + " is a")
                    .satisfies(e -> assertOneLineWithoutToken(e.getMessage()));
        }
        assertThat(vault.requests()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void aRefusedTokenIsAServiceFailureThatDoesNotQuoteTheToken() throws Exception {
        vault.createKey("release", "ecdsa-p256");
        env.put("VAULT_TOKEN", "hvs.wrong-token-secret");
        assertThatThrownBy(() -> open("hashivault://release"))
                .isInstanceOf(SigningException.class).isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("refused the token").hasMessageContaining("403")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-token-secret"))
                .satisfies(e -> assertOneLineWithoutToken(e.getMessage()));
    }

    @Test
    void missingSettingsAndMalformedReferencesAreBadReferences() {
        env.remove("VAULT_ADDR");
        assertThatThrownBy(() -> open("hashivault://release")).isInstanceOf(KeyReferenceException.class).hasMessageContaining("VAULT_ADDR");
        env.put("VAULT_ADDR", vault.address());
        assertThatThrownBy(() -> open("hashivault://a/b")).isInstanceOf(KeyReferenceException.class).hasMessageContaining("hashivault://KEY");
        assertThatThrownBy(() -> open("hashivault://")).isInstanceOf(KeyReferenceException.class);
    }

    @Test
    void theTokenCanComeFromTheTokenHelperFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        java.nio.file.Files.writeString(home.resolve(".vault-token"), TOKEN + "\n");
        env.remove("VAULT_TOKEN");
        VaultSettings settings = VaultSettings.from(env, home);
        assertThat(settings.token()).isEqualTo(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> VaultSettings.from(env, home.resolve("nowhere"))).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("VAULT_TOKEN");
    }

    private static void assertOneLineWithoutToken(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain(TOKEN);
    }
}
