package dev.provenant.attest.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PemPublicKeysTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata")).resolve("keys");

    @Test
    void readsAPemPublicKey() throws Exception {
        assertThat(PemPublicKeys.parse(Files.readString(KEYS.resolve("ec-p256.pub"))).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void anEndMarkerInsideTheBeginMarkerIsNoKey() {
        // "-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----": both markers share their dashes
        assertThatThrownBy(() -> PemPublicKeys.parse("-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----\n"))
                .isInstanceOf(FormatException.class).hasMessageContaining("not a PEM public key");
    }

    @Test
    void anEndMarkerBeforeTheBeginMarkerIsNoKey() {
        assertThatThrownBy(() -> PemPublicKeys.parse("-----END PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\n"))
                .isInstanceOf(FormatException.class);
    }
}
