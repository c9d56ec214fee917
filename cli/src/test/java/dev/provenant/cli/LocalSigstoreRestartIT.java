package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provenant local-sigstore} stopped and started again on its directory: a bundle signed before the
 * restart verifies with the identity flags the restarted stack prints, and a second stack on the
 * running one's directory stops at once with exit 2.
 */
class LocalSigstoreRestartIT {
    static final String IDENTITY = "restart@example.test";

    @TempDir
    Path dir;

    private static PackagedCli provenant(Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(args);
        return PackagedCli.run(180, env, command);
    }

    @Test
    void aBundleSignedBeforeARestartVerifiesWithTheFlagsTheRestartedStackPrints() throws Exception {
        Path home = dir.resolve("stack");
        Path artifact = Files.writeString(dir.resolve("app.jar"), "signed before the restart\n");
        String issuerBefore;
        try (LocalStackProcess first = LocalStackProcess.start(home, IDENTITY)) {
            issuerBefore = first.issuer;
            Map<String, String> env = new HashMap<>(first.signingEnv());
            env.put("SIGSTORE_ID_TOKEN", null);
            List<String> sign = new ArrayList<>(List.of("sign"));
            sign.addAll(first.keylessFlags());
            sign.add(artifact.toString());
            PackagedCli signed = provenant(env, sign);
            assertThat(signed.exitCode()).as(signed.output()).isZero();

            PackagedCli second = provenant(Map.of(), List.of("local-sigstore", "--dir", home.toString()));
            assertThat(second.exitCode()).as(second.output()).isEqualTo(ExitCode.USAGE);
            assertThat(second.output().strip()).startsWith("provenant: local-sigstore: " + home + " is in use by another local-sigstore")
                    .doesNotContain("\n");
        }
        try (LocalStackProcess restarted = LocalStackProcess.start(home, IDENTITY)) {
            assertThat(restarted.issuer).isEqualTo(issuerBefore);
            PackagedCli verify = provenant(Map.of(), List.of("verify", "--bundle", dir.resolve("app.jar.sigstore.json").toString(),
                    "--certificate-identity", restarted.identity, "--certificate-oidc-issuer", restarted.issuer,
                    "--trusted-root", restarted.trustedRoot.toString(), artifact.toString()));
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("Verified OK");
        }
    }
}
