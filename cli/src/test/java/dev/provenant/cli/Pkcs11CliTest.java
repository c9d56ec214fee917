package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.pkcs11.SoftHsmExtension;
import dev.provenant.signer.pkcs11.SoftHsmToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pkcs11: key story end to end on a real SoftHSM2 token; skipped, with the reason, only without SoftHSM2. */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11CliTest {
    @TempDir
    Path dir;

    Path artifact;

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact content");
    }

    private static void assertOneLineFailure(CliRun run, int code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.readTree(run.out().trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    @Test
    void keygenSignAttestProvenanceAndVerifyWithTheExportedKey(SoftHsmToken token) throws Exception {
        String key = token.uri("cli-release");
        CliRun keygen = CliRun.of("keygen", "--kms", key, "--type", "ecdsa-p256", "--json");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(json(keygen).get("key").asText()).startsWith("pkcs11:token=" + token.label() + ";object=cli-release?module-path=");

        String pub = dir.resolve("exported.pub").toString();
        CliRun export = CliRun.of("public-key", "--key", key, "--output", pub);
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(Path.of(pub))).startsWith("-----BEGIN PUBLIC KEY-----");

        String signed = dir.resolve("signed.json").toString();
        CliRun sign = CliRun.of("sign", "--key", key, "--bundle", signed, artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(CliRun.of("verify", "--key", pub, "--bundle", signed, artifact.toString()).exitCode()).isZero();

        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\":\"pass\"}");
        String attested = dir.resolve("att.json").toString();
        CliRun attest = CliRun.of("attest", "--key", key, "--type", "https://example.com/test/v1", "--predicate",
                predicate.toString(), "--bundle", attested, artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        CliRun verifyAttestation = CliRun.of("verify-attestation", "--key", pub, "--bundle", attested,
                "--type", "https://example.com/test/v1", artifact.toString());
        assertThat(verifyAttestation.exitCode()).as(verifyAttestation.err()).isZero();

        String provenance = dir.resolve("provenance.json").toString();
        CliRun slsa = CliRun.of("provenance", "--key", key, "--output", provenance, artifact.toString());
        assertThat(slsa.exitCode()).as(slsa.err()).isZero();
        CliRun verify = CliRun.of("verify", "--key", pub, "--bundle", provenance, artifact.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();

        // another key does not verify what the token key signed
        Path other = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys", "ec-p256.pub");
        assertOneLineFailure(CliRun.of("verify", "--key", other.toString(), "--bundle", provenance, artifact.toString()), 1);
    }

    @Test
    void rsaAndP384KeysSignBundlesThatVerify(SoftHsmToken token) throws Exception {
        for (String type : new String[] {"ecdsa-p384", "rsa-3072"}) {
            String key = token.uri("cli-" + type);
            assertThat(CliRun.of("keygen", "--kms", key, "--type", type).exitCode()).isZero();
            String pub = dir.resolve(type + ".pub").toString();
            assertThat(CliRun.of("public-key", "--key", key, "--output", pub).exitCode()).isZero();
            String bundle = dir.resolve(type + ".json").toString();
            CliRun sign = CliRun.of("sign", "--key", key, "--bundle", bundle, artifact.toString());
            assertThat(sign.exitCode()).as(type + ": " + sign.err()).isZero();
            CliRun verify = CliRun.of("verify", "--key", pub, "--bundle", bundle, artifact.toString());
            assertThat(verify.exitCode()).as(type + ": " + verify.err()).isZero();
        }
    }

    @Test
    void listKeysShowsUrisAsTextAndJson(SoftHsmToken token) throws Exception {
        assertThat(CliRun.of("keygen", "--kms", token.uri("cli-listed")).exitCode()).isZero();
        String module = token.module().toString();
        CliRun text = CliRun.of("pkcs11", "list-keys", "--module-path", module, "--token", token.label(),
                "--pin-file", token.pinFile().toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("cli-listed  PKIX_ECDSA_P256_SHA_256  pkcs11:token=" + token.label() + ";object=cli-listed?module-path=" + module);
        CliRun asJson = CliRun.of("pkcs11", "list-keys", "--module-path", module, "--pin-file", token.pinFile().toString(), "--json");
        assertThat(asJson.exitCode()).as(asJson.err()).isZero();
        JsonNode keys = json(asJson).get("keys");
        assertThat(keys.findValuesAsText("label")).contains("cli-listed");
    }

    @Test
    void wrongPinIsExitThreeAndNeverPrintsThePin(SoftHsmToken token) throws Exception {
        assertThat(CliRun.of("keygen", "--kms", token.uri("cli-pin")).exitCode()).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong-pin"), "55443322\n");
        String key = "pkcs11:token=" + token.label() + ";object=cli-pin?module-path=" + token.module() + "&pin-source=" + wrong;
        CliRun sign = CliRun.of("sign", "--key", key, artifact.toString());
        assertOneLineFailure(sign, 3);
        assertThat(sign.err()).contains("wrong PIN");
        assertThat(sign.out() + sign.err()).doesNotContain("55443322").doesNotContain(token.pin());
        CliRun list = CliRun.of("pkcs11", "list-keys", "--module-path", token.module().toString(), "--pin-file", wrong.toString(), "--json");
        assertThat(list.exitCode()).isEqualTo(3);
        assertThat(list.out() + list.err()).doesNotContain("55443322");
    }

    @Test
    void missingTokenUnknownKeyAndBadUrisAreOneLineUsageErrors(SoftHsmToken token) {
        String pinFile = token.pinFile().toString();
        CliRun missingToken = CliRun.of("sign", "--key",
                "pkcs11:token=absent;object=x?module-path=" + token.module() + "&pin-source=" + pinFile, artifact.toString());
        assertOneLineFailure(missingToken, 2);
        assertThat(missingToken.err()).contains("no PKCS#11 token labelled 'absent'");
        assertOneLineFailure(CliRun.of("public-key", "--key", token.uri("never-made")), 2);
        assertOneLineFailure(CliRun.of("sign", "--key", "pkcs11:token=a;object=b", artifact.toString()), 2);
        assertOneLineFailure(CliRun.of("sign", "--key", "pkcs11:token=a%zz?module-path=/m.so", artifact.toString()), 2);
        assertOneLineFailure(CliRun.of("sign", "--key",
                "pkcs11:token=a?module-path=/nonexistent/p11.so&pin-source=" + pinFile, artifact.toString()), 2);
        CliRun pinValue = CliRun.of("sign", "--key", "pkcs11:token=a?module-path=/m.so&pin-value=77665544", artifact.toString());
        assertOneLineFailure(pinValue, 2);
        assertThat(pinValue.out() + pinValue.err()).doesNotContain("77665544");
        assertOneLineFailure(CliRun.of("keygen", "--kms", token.uri("ed"), "--type", "ed25519"), 2);
        assertOneLineFailure(CliRun.of("keygen", "--kms", token.uri("x"), "--output-prefix", "p"), 2);
    }
}
