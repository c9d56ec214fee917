package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.provenant.attest.io.InputTooLargeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Policies and the bundles a gate reads stop at their caps on a device that never ends. */
@Timeout(30)
class PolicyInputCapsTest {
    static final Path ZERO = Path.of("/dev/zero");

    @Test
    void aPolicyIsReadUpToOneMiBAndABundleUpToEight() {
        assumeThat(Files.isReadable(ZERO)).isTrue();
        assertThatThrownBy(() -> PolicyDocument.read(ZERO)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("a policy file is at most 1 MiB");
        assertThatThrownBy(() -> EvidenceBundle.read(ZERO)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("bundle /dev/zero is larger than the 8 MiB a bundle may have");
    }
}
