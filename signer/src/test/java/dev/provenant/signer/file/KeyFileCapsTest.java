package dev.provenant.signer.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Key and passphrase files stop at their caps on a device that never ends. */
@Timeout(30)
class KeyFileCapsTest {
    static final Path ZERO = Path.of("/dev/zero");

    @Test
    void aKeyFileIsReadUpTo64KiBAndAPassphraseFileUpTo64KiB() {
        assumeThat(Files.isReadable(ZERO)).isTrue();
        assertThatThrownBy(() -> new FileKeyProvider().open(ZERO.toString(), new SecretSource(Map.of(), "X", null)))
                .isInstanceOf(KeyReferenceException.class).hasMessage("/dev/zero is too large to be a key file");
        assertThatThrownBy(() -> new SecretSource(Map.of(), "X", ZERO).read())
                .isInstanceOf(KeyReferenceException.class).hasMessage("passphrase file /dev/zero is larger than 64 KiB");
    }
}
