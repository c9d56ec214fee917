package dev.provenant.kms.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.crypto.PemPublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * azurekms:// keys through Signers against AzureKeyVaultDouble, each in a JVM started as a user's
 * would be (see SigningProcess): DefaultAzureCredential finds the double's managed-identity endpoint
 * through IDENTITY_ENDPOINT and IDENTITY_HEADER, the JVM trusts the double's certificate through the
 * standard javax.net.ssl.trustStore properties, and jdk.net.hosts.file resolves the double's vault
 * name to the loopback address.
 */
class AzureKeyVaultSignerTest {
    static final String IDENTITY_HEADER = "identity-header-s3cr3t";
    static final String MESSAGE = "a DSSE pre-authentication encoding";

    @TempDir
    Path dir;

    AzureKeyVaultDouble vault;
    Map<String, String> env;
    List<String> properties;

    @BeforeEach
    void start() throws Exception {
        vault = new AzureKeyVaultDouble(IDENTITY_HEADER);
        Path trustStore = vault.trustStore(dir.resolve("trust.p12"));
        env = new HashMap<>(Map.of("IDENTITY_ENDPOINT", vault.identityEndpoint(), "IDENTITY_HEADER", IDENTITY_HEADER));
        properties = List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + AzureKeyVaultDouble.TRUST_STORE_PASSWORD,
                "-Djdk.net.hosts.file=" + Path.of(System.getProperty("azure.double.hosts", "src/test/resources/azure-double.hosts")).toAbsolutePath());
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private SigningProcess.Result sign(String keyRef) throws Exception {
        return SigningProcess.run(keyRef, MESSAGE, env, properties);
    }

    @ParameterizedTest
    @CsvSource({"ec256, EC, P-256, SHA256withECDSA, SHA-256, ES256",
        "ec384, EC, P-384, SHA384withECDSA, SHA-384, ES384",
        "rsa, RSA, 3072, SHA256withRSA, SHA-256, RS256"})
    void signsADigestInTheVaultThatVerifiesWithTheKeysPublicHalf(String name, String kty, String crv, String jca, String hash, String alg)
            throws Exception {
        String version = vault.createKey(name, kty, crv, List.of("sign", "verify"));
        for (String ref : List.of("azurekms://" + vault.vaultHost() + "/" + name, "azurekms://" + vault.vaultHost() + "/" + name + "/" + version)) {
            SigningProcess.Result result = sign(ref);
            assertThat(result.exitCode()).as(result.output()).isZero();
            int end = result.output().indexOf("-----END PUBLIC KEY-----") + "-----END PUBLIC KEY-----".length();
            assertThat(PemPublicKeys.parse(result.output().substring(0, end)).getEncoded()).isEqualTo(vault.publicKey(name).getEncoded());
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(vault.publicKey(name));
            verifier.update(MESSAGE.getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(Base64.getDecoder().decode(result.output().substring(end).strip()))).as(ref).isTrue();
        }
        var signs = vault.requests().stream().filter(r -> r.path().equals("/keys/" + name + "/" + version + "/sign")
                && r.headers().containsKey("Authorization")).toList();
        byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(signs).hasSize(2).allSatisfy(r -> {
            assertThat(r.headers().get("Authorization").get(0)).startsWith("Bearer eyJ.double-");
            assertThat(r.query()).contains("api-version=");
            assertThat(r.body()).contains("\"alg\":\"" + alg + "\"")
                    .contains(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(MESSAGE.getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(vault.requests()).filteredOn(r -> r.path().equals("/msi/token")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.query()).contains("resource=https%3A%2F%2Fvault.azure.net"));
    }

    private static void assertFailure(SigningProcess.Result result, int code, String expected, String... secrets) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(code);
        assertThat(result.output().strip()).doesNotContain("\n").contains(expected);
        for (String secret : secrets) {
            assertThat(result.output()).doesNotContain(secret);
        }
    }

    @Test
    void anUnknownKeyIsABadReference() throws Exception {
        assertFailure(sign("azurekms://" + vault.vaultHost() + "/missing"), 2, "has no key missing", "eyJ.", IDENTITY_HEADER);
    }

    @Test
    void anUnreachableVaultIsAServiceFailure() throws Exception {
        assertFailure(sign("azurekms://" + AzureKeyVaultDouble.HOST + ":1/release"), 3, "unreachable", IDENTITY_HEADER);
    }

    @Test
    void keysThatCannotSignAsProvenantDoesAreRefusedByName() throws Exception {
        vault.createKey("k1", "EC", "P-256K", List.of("sign", "verify"));
        assertFailure(sign("azurekms://" + vault.vaultHost() + "/k1"), 2, "P-256K");
        vault.createKey("wrap", "RSA", "2048", List.of("wrapKey", "unwrapKey"));
        assertFailure(sign("azurekms://" + vault.vaultHost() + "/wrap"), 2, "does not allow the sign operation");
        assertThat(vault.requests()).noneMatch(r -> r.path().endsWith("/sign"));
    }

    @Test
    void aRefusedIdentityIsAServiceFailureThatDoesNotQuoteTheSecret() throws Exception {
        vault.createKey("refused", "EC", "P-256", List.of("sign", "verify"));
        env.put("IDENTITY_HEADER", "wrong-header-value");
        assertFailure(sign("azurekms://" + vault.vaultHost() + "/refused"), 3, "refused the credentials", "wrong-header-value");
    }

    @Test
    void malformedReferencesAreBadReferences() throws Exception {
        for (String ref : List.of("azurekms://vault.vault.azure.net", "azurekms://vault.vault.azure.net/a/b/c")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AzureKeyRef.parse(ref)))
                    .as(ref).isInstanceOf(dev.provenant.signer.KeyReferenceException.class).hasMessageContaining("azurekms://VAULT");
        }
        assertThat(AzureKeyRef.parse("azurekms://myvault.vault.azure.net/release/0123abcd"))
                .isEqualTo(new AzureKeyRef("myvault.vault.azure.net", "release", "0123abcd"));
        assertThat(AzureKeyRef.parse("azurekms://myvault.vault.azure.net/release").vaultUrl()).isEqualTo("https://myvault.vault.azure.net");
    }
}
