package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Sigstore instance keyless signing uses, the same in both front ends. */
class KeylessInstanceTest {
    @TempDir
    Path dir;

    private Map<String, String> emptyCache() {
        return Map.of("PROVENANT_CACHE_DIR", dir.resolve("cache").toString());
    }

    @Test
    void byDefaultThePublicGoodSigningConfigAndRoot() throws Exception {
        KeylessInstance instance = KeylessInstance.of(null, null, emptyCache(), new Hints(FrontEnd.CLI));
        assertThat(instance.config().signingConfig()).isEqualTo(KeylessConfig.publicGoodSigningConfig());
        assertThat(instance.config().trustedRoot()).isEqualTo(TrustedRoot.publicGoodJson());
        assertThat(instance.config().trustedRootSource()).isEqualTo("public-good trusted root");
        assertThat(instance.warning()).isEmpty();
    }

    @Test
    void aSigningConfigWithoutItsRootIsWarnedAboutInEachFrontEndsTerms() throws Exception {
        Path config = Files.write(dir.resolve("signing_config.json"), KeylessConfig.publicGoodSigningConfig());
        assertThat(KeylessInstance.of(config, null, emptyCache(), new Hints(FrontEnd.CLI)).warning()).hasValue(
                "--signing-config without --trusted-root: the instance's certificates and log entries are checked against the"
                        + " public-good trusted root");
        assertThat(KeylessInstance.of(config, null, emptyCache(), new Hints(FrontEnd.MAVEN)).warning()).hasValue(
                "<signingConfig> without <trustedRoot>: the instance's certificates and log entries are checked against the"
                        + " public-good trusted root");
        Path root = Files.write(dir.resolve("trusted_root.json"), TrustedRoot.publicGoodJson());
        KeylessInstance both = KeylessInstance.of(config, root, emptyCache(), new Hints(FrontEnd.MAVEN));
        assertThat(both.warning()).isEmpty();
        assertThat(both.config().trustedRootSource()).isEqualTo("trusted root " + root);
        assertThat(both.config().signingConfigSource()).isEqualTo("signing config " + config);
    }

    @Test
    void aNamedFileThatCannotBeReadOrIsTooLargeFailsTheSetup() throws Exception {
        assertThatThrownBy(() -> KeylessInstance.of(dir.resolve("missing.json"), null, emptyCache(), new Hints(FrontEnd.CLI)))
                .isInstanceOf(NoSuchFileException.class);
        Path huge = Files.write(dir.resolve("huge.json"), new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> KeylessInstance.of(null, huge, emptyCache(), new Hints(FrontEnd.CLI)))
                .isInstanceOf(InputTooLargeException.class);
    }
}
