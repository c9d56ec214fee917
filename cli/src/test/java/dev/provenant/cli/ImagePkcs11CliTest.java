package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.oci.CredentialStore;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import dev.provenant.signer.pkcs11.SoftHsmExtension;
import dev.provenant.signer.pkcs11.SoftHsmToken;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An image signed with a key in a real SoftHSM2 token, in a real docker-registry; skipped without SoftHSM2. */
@ExtendWith(SoftHsmExtension.class)
class ImagePkcs11CliTest {
    @TempDir
    Path dir;

    @Test
    void anImageSignedInATokenVerifiesWithItsExportedKey(SoftHsmToken token) throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            RegistryClient client = new RegistryClient(RegistryClient.Options.defaults(CredentialStore.anonymous()));
            Descriptor pushed = TestImages.push(client, ImageReference.parse(registry.host() + "/hsm/app:1.0"), TestImages.image("hsm-1"));
            String image = "oci://" + registry.host() + "/hsm/app@" + pushed.digest();
            String key = token.uri("image-release");
            assertThat(CliRun.of("keygen", "--kms", key, "--type", "ecdsa-p256").exitCode()).isZero();
            String pub = dir.resolve("image-release.pub").toString();
            assertThat(CliRun.of("public-key", "--key", key, "--output", pub).exitCode()).isZero();

            CliRun sign = CliRun.of("sign", "--key", key, image);
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            CliRun verify = CliRun.of("verify", "--key", pub, image);
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("Verified " + registry.host() + "/hsm/app@" + pushed.digest());

            String other = dir.resolve("other").toString();
            assertThat(CliRun.of("keygen", "--no-password", "--output-prefix", other).exitCode()).isZero();
            CliRun wrong = CliRun.of("verify", "--key", other + ".pub", image);
            assertThat(wrong.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        }
    }
}
