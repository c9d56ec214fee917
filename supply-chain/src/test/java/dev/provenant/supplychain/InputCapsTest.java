package dev.provenant.supplychain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.provenant.attest.io.InputTooLargeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The supply chain's file readers stop at their caps on a device that never ends. */
@Timeout(30)
class InputCapsTest {
    static final Path ZERO = Path.of("/dev/zero");

    @BeforeEach
    void needsDevZero() {
        assumeThat(Files.isReadable(ZERO)).isTrue();
    }

    @Test
    void aDependencyRulesFileIsReadUpToOneMiB() {
        assertThatThrownBy(() -> DependencyRules.read(ZERO)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("rules file /dev/zero is larger than the 1 MiB a rules file may have");
    }

    @Test
    void aLockFileIsReadUpToEightMiB() {
        assertThatThrownBy(() -> dev.provenant.supplychain.lock.LockFile.read(ZERO)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("lock file /dev/zero is larger than the 8 MiB a lock file may have");
    }

    @Test
    void aCatalogIsReadUpToEightMiBAndAPomUpToFour() {
        assertThatThrownBy(() -> dev.provenant.supplychain.catalog.DependencyCatalog.read(ZERO)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("dependency catalog /dev/zero is larger than the 8 MiB a dependency catalog may have");
        assertThatThrownBy(() -> dev.provenant.supplychain.catalog.PomLicenses.read(ZERO)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("POM /dev/zero is larger than the 4 MiB a POM may have");
    }
}
