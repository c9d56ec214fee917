package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalSigstoreCommandTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSecondStackOnOneDirectoryIsAUsageErrorOnOneLine(@TempDir Path dir) throws Exception {
        LocalSigstoreLoader.Stack first = LocalSigstoreLoader.start(dir, 0, 0, "signer@example.test");
        try {
            CliRun second = CliRun.of("local-sigstore", "--dir", dir.toString());
            assertThat(second.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(second.err()).isEqualTo("provenant: local-sigstore: " + dir + " is in use by another local-sigstore (pid "
                    + ProcessHandle.current().pid() + "); stop it or use another --dir" + System.lineSeparator());
            assertThat(second.out()).isEmpty();
        } finally {
            first.close();
        }
    }
}
