package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import dev.provenant.signer.pkcs11.SoftHsmExtension;
import dev.provenant.signer.pkcs11.SoftHsmToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tlog-upload} with a key that never leaves its SoftHSM2 token: the entry names the token's public
 * key, so the exported key verifies it with {@code --require-tlog} and another key does not. Skipped, with
 * the reason, only without SoftHSM2.
 */
@ExtendWith(SoftHsmExtension.class)
class TlogUploadPkcs11CliTest {
    @TempDir
    Path dir;

    @Test
    void aTokenKeysBundleIsLoggedAndVerifiesWithTheExportedKeyOnly(SoftHsmToken token) throws Exception {
        try (LocalSigstore stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V1)) {
            String key = token.uri("tlog-upload");
            CliRun keygen = CliRun.of("keygen", "--kms", key, "--type", "ecdsa-p256");
            assertThat(keygen.exitCode()).as(keygen.err()).isZero();
            Path pub = dir.resolve("token.pub");
            assertThat(CliRun.of("public-key", "--key", key, "--output", pub.toString()).exitCode()).isZero();
            Path artifact = Files.writeString(dir.resolve("token.jar"), "artifact signed in a token " + System.nanoTime());
            Path bundle = dir.resolve("token.sigstore.json");
            CliRun sign = CliRun.of("sign", "--key", key, "--tlog-upload", "--signing-config", stack.signingConfig().toString(),
                    "--bundle", bundle.toString(), artifact.toString());
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            assertThat(sign.out() + sign.err()).doesNotContain(token.pin());
            TlogUploadCliTest.assertEntry(TlogUploadCliTest.entry(bundle), "hashedrekord");
            CliRun verify = CliRun.of("verify", "--key", pub.toString(), "--trusted-root", stack.trustedRoot().toString(),
                    "--require-tlog", "--bundle", bundle.toString(), artifact.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("SET verified");
            CliRun other = CliRun.of("verify", "--key", TlogUploadCliTest.PUB, "--trusted-root", stack.trustedRoot().toString(),
                    "--require-tlog", "--bundle", bundle.toString(), artifact.toString());
            assertThat(other.exitCode()).as(other.err()).isEqualTo(1);
        }
    }
}
