package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.kms.aws.AwsKmsDouble;
import dev.provenant.kms.azure.AzureKeyVaultDouble;
import dev.provenant.kms.gcp.GcpKmsDouble;
import dev.provenant.kms.vault.VaultDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud KMS keys through the packaged CLI, which loads each provider from lib/kms/SCHEME only for its
 * own key references: sign and attest against the test doubles, export the public key, verify with it;
 * and the failures a user meets, each one line with the documented exit code and no secret in it.
 */
class KmsCliIT {
    static final String VAULT_TOKEN = "hvs.cli-token-s3cr3t";
    static final String AWS_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    VaultDouble vault;
    AwsKmsDouble aws;
    GcpKmsDouble gcp;
    AzureKeyVaultDouble azure;
    Map<String, String> env;
    Path artifact;

    @BeforeEach
    void start() throws Exception {
        vault = new VaultDouble(VAULT_TOKEN);
        aws = new AwsKmsDouble(AWS_ACCESS_KEY, AWS_SECRET_KEY);
        gcp = new GcpKmsDouble();
        azure = new AzureKeyVaultDouble("identity-header-s3cr3t");
        Path home = Files.createDirectories(dir.resolve("home"));
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("VAULT_ADDR", vault.address());
        env.put("VAULT_TOKEN", VAULT_TOKEN);
        env.put("AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET_KEY);
        env.put("AWS_REGION", AwsKmsDouble.REGION);
        env.put("AWS_ENDPOINT_URL_KMS", aws.endpoint());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PROFILE", null);
        env.put("AWS_SESSION_TOKEN", null);
        env.put("GOOGLE_APPLICATION_CREDENTIALS", gcp.writeCredentials(dir.resolve("sa.json"), true).toString());
        env.put("PROVENANT_GCPKMS_ENDPOINT", gcp.endpoint());
        // Azure: App Service managed identity, the double's TLS certificate, its vault name on the loopback address
        env.put("IDENTITY_ENDPOINT", azure.identityEndpoint());
        env.put("IDENTITY_HEADER", "identity-header-s3cr3t");
        Path trust = azure.trustStore(dir.resolve("azure-trust.p12"));
        env.put("PROVENANT_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trust + " -Djavax.net.ssl.trustStorePassword="
                + AzureKeyVaultDouble.TRUST_STORE_PASSWORD + " -Djdk.net.hosts.file="
                + PackagedCli.ROOT.resolve("kms-azure/src/test/resources/azure-double.hosts"));
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact signed in a KMS\n");
    }

    @AfterEach
    void stop() {
        vault.close();
        aws.close();
        gcp.close();
        azure.close();
    }

    private PackagedCli provenant(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(120, env, command);
    }

    private void signAttestAndVerify(String key) throws Exception {
        Path pub = dir.resolve("exported.pub");
        Files.deleteIfExists(pub);
        PackagedCli export = provenant("public-key", "--key", key, "--output", pub.toString());
        assertThat(export.exitCode()).as(key + ": " + export.output()).isZero();
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");

        Path bundle = dir.resolve("app.jar.sigstore.json");
        PackagedCli sign = provenant("sign", "--key", key, "--bundle", bundle.toString(), artifact.toString());
        assertThat(sign.exitCode()).as(key + ": " + sign.output()).isZero();
        PackagedCli verify = provenant("verify", "--key", pub.toString(), "--bundle", bundle.toString(), artifact.toString());
        assertThat(verify.exitCode()).as(key + ": " + verify.output()).isZero();

        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\":\"pass\"}");
        Path attestation = dir.resolve("att.sigstore.json");
        PackagedCli attest = provenant("attest", "--key", key, "--type", "https://example.com/test/v1", "--predicate",
                predicate.toString(), "--bundle", attestation.toString(), artifact.toString());
        assertThat(attest.exitCode()).as(key + ": " + attest.output()).isZero();
        PackagedCli verifyAttestation = provenant("verify-attestation", "--key", pub.toString(), "--bundle", attestation.toString(),
                artifact.toString());
        assertThat(verifyAttestation.exitCode()).as(key + ": " + verifyAttestation.output()).isZero();

        Path other = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys", "ec-p256.pub").toAbsolutePath();
        assertThat(provenant("verify", "--key", other.toString(), "--bundle", bundle.toString(), artifact.toString()).exitCode())
                .as("another key does not verify what the KMS key signed").isEqualTo(1);
    }

    /** A KMS key signs a container image in a real docker-registry on loopback, as it signs files. */
    @Test
    void aKmsKeySignsAnImageThatVerifiesWithTheExportedKey() throws Exception {
        vault.createKey("image-release", "ecdsa-p256");
        try (dev.provenant.oci.testing.LocalRegistry registry = dev.provenant.oci.testing.LocalRegistry.start(dir.resolve("registry"))) {
            var client = new dev.provenant.oci.RegistryClient(dev.provenant.oci.RegistryClient.Options.defaults(
                    dev.provenant.oci.CredentialStore.anonymous()));
            var pushed = dev.provenant.oci.testing.TestImages.push(client,
                    dev.provenant.oci.ImageReference.parse(registry.host() + "/kms/app:1.0"), dev.provenant.oci.testing.TestImages.image("kms-1"));
            String image = "oci://" + registry.host() + "/kms/app@" + pushed.digest();
            Path pub = dir.resolve("image-release.pub");
            assertThat(provenant("public-key", "--key", "hashivault://image-release", "--output", pub.toString()).exitCode()).isZero();
            PackagedCli sign = provenant("sign", "--key", "hashivault://image-release", image);
            assertThat(sign.exitCode()).as(sign.output()).isZero();
            PackagedCli verify = provenant("verify", "--key", pub.toString(), image);
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            Path other = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys", "ec-p256.pub").toAbsolutePath();
            assertThat(provenant("verify", "--key", other.toString(), image).exitCode()).isEqualTo(1);
        }
    }

    @Test
    void vaultKeysSignBundlesThatVerifyWithTheExportedKey() throws Exception {
        vault.createKey("release", "ecdsa-p256");
        vault.createKey("release-rsa", "rsa-3072");
        signAttestAndVerify("hashivault://release");
        signAttestAndVerify("hashivault://release-rsa");
        assertThat(vault.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("artifact signed in a KMS"));
    }

    @Test
    void awsKeysSignBundlesThatVerifyWithTheExportedKey() throws Exception {
        AwsKmsDouble.Key key = aws.createKey("release", "ECC_NIST_P384");
        aws.createKey("release-rsa", "RSA_2048");
        signAttestAndVerify("awskms:///alias/release");
        signAttestAndVerify("awskms:///" + key.arn());
        signAttestAndVerify("awskms:///alias/release-rsa");
        assertThat(aws.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("YXJ0aWZhY3Qgc2lnbmVk"));
    }

    @Test
    void gcpKeysSignBundlesThatVerifyWithTheExportedKey() throws Exception {
        signAttestAndVerify("gcpkms://" + gcp.createKey("release", "EC_SIGN_P256_SHA256"));
        signAttestAndVerify("gcpkms://" + gcp.createKey("release-rsa", "RSA_SIGN_PKCS1_2048_SHA256"));
        assertThat(gcp.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("YXJ0aWZhY3Qgc2lnbmVk"));
    }

    @Test
    void gcpFailuresSayWhatIsWrongInOneLine() throws Exception {
        String key = "gcpkms://" + gcp.createKey("release", "EC_SIGN_P256_SHA256");
        String pss = "gcpkms://" + gcp.createKey("pss", "RSA_SIGN_PSS_2048_SHA256");
        Path out = dir.resolve("never.json");
        assertFailure(provenant("sign", "--key", key.replace("/release/", "/missing/"), "--bundle", out.toString(), artifact.toString()),
                2, "Cloud KMS has no key version", "PRIVATE KEY");
        assertFailure(provenant("sign", "--key", pss, "--bundle", out.toString(), artifact.toString()),
                2, "RSA_SIGN_PSS_2048_SHA256", "PRIVATE KEY");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", gcp.writeCredentials(dir.resolve("unknown-sa.json"), false).toString());
        assertFailure(provenant("sign", "--key", key, "--bundle", out.toString(), artifact.toString()),
                3, "refused the credentials", "PRIVATE KEY");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", gcp.writeCredentials(dir.resolve("sa.json"), true).toString());
        env.put("PROVENANT_GCPKMS_ENDPOINT", "http://127.0.0.1:1");
        assertFailure(provenant("public-key", "--key", key), 3, "unreachable", "PRIVATE KEY");
        assertFailure(provenant("public-key", "--key", "gcpkms://projects/p/keyRings/r"), 2, "cryptoKeyVersions/N");
        assertThat(out).doesNotExist();
    }

    @Test
    void azureKeysSignBundlesThatVerifyWithTheExportedKey() throws Exception {
        azure.createKey("release", "EC", "P-256", List.of("sign", "verify"));
        String version = azure.createKey("release-rsa", "RSA", "2048", List.of("sign", "verify"));
        signAttestAndVerify("azurekms://" + azure.vaultHost() + "/release");
        signAttestAndVerify("azurekms://" + azure.vaultHost() + "/release-rsa/" + version);
        assertThat(azure.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("YXJ0aWZhY3Qgc2lnbmVk"));
    }

    @Test
    void azureFailuresSayWhatIsWrongInOneLine() throws Exception {
        azure.createKey("release", "EC", "P-256", List.of("sign", "verify"));
        azure.createKey("k1", "EC", "P-256K", List.of("sign", "verify"));
        Path out = dir.resolve("never.json");
        String vaultHost = azure.vaultHost();
        assertFailure(provenant("sign", "--key", "azurekms://" + vaultHost + "/missing", "--bundle", out.toString(), artifact.toString()),
                2, "has no key missing", "identity-header-s3cr3t", "eyJ.");
        assertFailure(provenant("sign", "--key", "azurekms://" + vaultHost + "/k1", "--bundle", out.toString(), artifact.toString()),
                2, "P-256K", "identity-header-s3cr3t");
        assertFailure(provenant("public-key", "--key", "azurekms://" + AzureKeyVaultDouble.HOST + ":1/release"), 3, "unreachable");
        env.put("IDENTITY_HEADER", "wrong-header-value");
        assertFailure(provenant("sign", "--key", "azurekms://" + vaultHost + "/release", "--bundle", out.toString(), artifact.toString()),
                3, "refused the credentials", "wrong-header-value");
        assertFailure(provenant("public-key", "--key", "azurekms://" + vaultHost), 2, "azurekms://VAULT.vault.azure.net/KEY");
        assertThat(out).doesNotExist();
    }

    private void assertFailure(PackagedCli run, int code, String expected, String... secrets) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(code);
        assertThat(run.output().strip()).as("one line").doesNotContain("\n").startsWith("provenant:").contains(expected)
                .doesNotContain("\tat ");
        for (String secret : secrets) {
            assertThat(run.output()).doesNotContain(secret);
        }
    }

    @Test
    void vaultFailuresSayWhatIsWrongInOneLine() throws Exception {
        vault.createKey("release", "ecdsa-p256");
        vault.createKey("data", "aes256-gcm96");
        Path out = dir.resolve("never.json");
        assertFailure(provenant("sign", "--key", "hashivault://missing", "--bundle", out.toString(), artifact.toString()),
                2, "no transit key 'missing'", VAULT_TOKEN);
        assertFailure(provenant("sign", "--key", "hashivault://data", "--bundle", out.toString(), artifact.toString()),
                2, "aes256-gcm96", VAULT_TOKEN);
        env.put("VAULT_TOKEN", "hvs.wrong-s3cr3t");
        assertFailure(provenant("sign", "--key", "hashivault://release", "--bundle", out.toString(), artifact.toString()),
                3, "refused the token", "hvs.wrong-s3cr3t");
        env.put("VAULT_ADDR", "http://127.0.0.1:1");
        assertFailure(provenant("public-key", "--key", "hashivault://release"), 3, "unreachable", "hvs.wrong-s3cr3t");
        assertThat(out).doesNotExist();
    }

    @Test
    void awsFailuresSayWhatIsWrongInOneLine() throws Exception {
        aws.createKey("release", "ECC_NIST_P256");
        aws.createKey("k1", "ECC_SECG_P256K1");
        aws.createKey("data", "SYMMETRIC_DEFAULT");
        Path out = dir.resolve("never.json");
        assertFailure(provenant("sign", "--key", "awskms:///alias/missing", "--bundle", out.toString(), artifact.toString()),
                2, "no key alias/missing", AWS_SECRET_KEY);
        assertFailure(provenant("sign", "--key", "awskms:///alias/k1", "--bundle", out.toString(), artifact.toString()),
                2, "ECC_SECG_P256K1", AWS_SECRET_KEY);
        assertFailure(provenant("public-key", "--key", "awskms:///alias/data"), 2, "cannot sign", AWS_SECRET_KEY);
        assertFailure(provenant("public-key", "--key", "awskms://127.0.0.1:1/alias/release"), 3, "unreachable", AWS_SECRET_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-0123456789");
        assertFailure(provenant("sign", "--key", "awskms:///alias/release", "--bundle", out.toString(), artifact.toString()),
                3, "refused the credentials", "wrong-secret-0123456789");
        assertFailure(provenant("public-key", "--key", "awskms://alias-without-slash"), 2, "awskms://[ENDPOINT]/KEY");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSchemeWithoutAnInstalledProviderIsABadReference() throws Exception {
        assertFailure(provenant("public-key", "--key", "examplekms://key"), 2, "no signing backend for 'examplekms:'");
    }
}
