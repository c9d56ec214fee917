package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's first command must keep working: the keyless demo runs end to end on the packaged CLI
 * and the embedded Sigstore stack, and stops the stack when done.
 */
class DemoIT {
    @Test
    void demoRunsEndToEndAndTheTamperedArtifactIsRejected() throws Exception {
        PackagedCli run = PackagedCli.run(300, List.of("bash", PackagedCli.ROOT.resolve("demo").toString(), "--no-build"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Using the identity token from --identity-token file sigstore/token",
                "Verified OK: app.jar", "signed by   builder@example.test", "RFC 3161, verified",
                "verification failed: certificate identity", "verification failed: artifact digest",
                "is not a subject of the statement", "Demo complete");
    }
}
