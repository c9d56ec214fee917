package dev.provenant.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox with the real bubblewrap: each way out it closes is tried, and seen open without it where that can be. */
class SandboxTest {
    static final Map<String, String> ENV = System.getenv();

    @TempDir
    Path dir;

    Path work;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Sandbox.onPath("bwrap", ENV.getOrDefault("PATH", "")).isPresent(),
                "bubblewrap (bwrap) is not installed: apt-get install bubblewrap to run the sandbox tests");
        work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("in.txt"), "hello\n");
        Files.createDirectories(work.resolve("out"));
    }

    static SandboxProfile profile(String network, long timeoutSeconds, long processes, String... hidden) throws Exception {
        String hide = String.join("\", \"", hidden);
        String json = "{\"apiVersion\": \"provenant.dev/sandbox/v1\", \"name\": \"t\", \"network\": \"" + network + "\","
                + (hidden.length > 0 ? " \"hidden\": [\"" + hide + "\"]," : "")
                + " \"env\": [\"PATH\"], \"limits\": {\"cpu-seconds\": 60, \"memory-mib\": 1024, \"processes\": " + processes
                + ", \"open-files\": 64, \"file-size-mib\": 1, \"timeout-seconds\": " + timeoutSeconds + "}}";
        return SandboxProfile.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    record Ran(int status, boolean timedOut, ObjectNode evidence, ObjectNode outcome) {}

    /** Runs a launch as the caller of {@link Sandbox} does: killed at its timeout. With {@code asNobody}, as an unprivileged user. */
    static Ran run(Sandbox.Launch launch, boolean asNobody) throws Exception {
        ProcessBuilder b = launch.builder();
        if (asNobody) {
            List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            argv.addAll(b.command());
            b.command(argv);
        }
        Process p = b.inheritIO().start();
        boolean done = p.waitFor(launch.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        return new Ran(p.exitValue(), !done, launch.evidence(), launch.outcome(p.exitValue(), !done));
    }

    Ran sh(SandboxProfile profile, Map<String, String> secrets, String script, boolean asNobody) throws Exception {
        Sandbox sandbox = Sandbox.locate(profile, ENV, secrets);
        return run(sandbox.prepare(List.of("sh", "-c", script), work, List.of(Path.of("out"))), asNobody);
    }

    @Test
    void theStepWritesItsProductsAndNothingElse() throws Exception {
        Ran ran = sh(profile("off", 30, 64), Map.of(), "cp in.txt out/copy.txt && ! touch elsewhere.txt 2>/dev/null"
                + " && ! touch /etc/provenant-sandbox-test 2>/dev/null && touch /tmp/private", false);
        assertThat(ran.status()).isZero();
        assertThat(work.resolve("out/copy.txt")).hasContent("hello");
        assertThat(work.resolve("elsewhere.txt")).doesNotExist();
        assertThat(Path.of("/tmp/private")).doesNotExist();
        assertThat(ran.evidence().at("/enforced/writable").toString()).contains(work.resolve("out").toString());
        assertThat(ran.evidence().at("/enforced/root-file-system").asText()).isEqualTo("read-only");
        // the same write, unsandboxed, succeeds: the test can fail
        assertThat(new ProcessBuilder("sh", "-c", "touch elsewhere.txt").directory(work.toFile()).start().waitFor()).isZero();
    }

    @Test
    void theNetworkIsOffUnlessTheProfileSaysHost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort();
            Ran off = sh(profile("off", 30, 64), Map.of(), "bash -c '" + connect + "' 2>/dev/null", false);
            assertThat(off.status()).as("a step with the network off reached the caller's loopback").isNotZero();
            assertThat(off.evidence().at("/enforced/network").asText()).isEqualTo("off");
            assertThat(off.evidence().at("/enforced/namespaces").toString()).contains("\"net\"");
            Ran host = sh(profile("host", 30, 64), Map.of(), "bash -c '" + connect + "'", false);
            assertThat(host.status()).isZero();
            assertThat(host.evidence().at("/enforced/namespaces").toString()).doesNotContain("\"net\"");
        }
    }

    @Test
    void theStepSeesOnlyTheSecretsItIsGivenAndNotTheHiddenFiles() throws Exception {
        Path hiddenDir = Files.createDirectories(dir.resolve("private"));
        Files.writeString(hiddenDir.resolve("token"), "s3cret");
        Map<String, String> caller = new HashMap<>(ENV);
        caller.put("PROVENANT_TEST_SECRET", "s3cret");
        Sandbox without = Sandbox.locate(profile("off", 30, 64, hiddenDir.toString(), "/no/such/folder"), caller, Map.of());
        Ran ran = run(without.prepare(List.of("sh", "-c", "test -z \"$PROVENANT_TEST_SECRET\" && ! cat " + hiddenDir.resolve("token")
                + " 2>/dev/null"), work, List.of(Path.of("out"))), false);
        assertThat(ran.status()).isZero();
        assertThat(ran.evidence().at("/enforced/environment").toString()).doesNotContain("PROVENANT_TEST_SECRET");
        // a hidden path that does not exist hides nothing and is not claimed as hidden
        assertThat(ran.evidence().at("/enforced/hidden").toString()).isEqualTo("[\"" + hiddenDir + "\"]");

        Sandbox with = Sandbox.locate(profile("off", 30, 64), caller, Map.of("PROVENANT_TEST_SECRET", "s3cret"));
        Sandbox.Launch launch = with.prepare(List.of("sh", "-c", "printenv PROVENANT_TEST_SECRET > out/seen"), work, List.of(Path.of("out")));
        assertThat(launch.builder().command()).noneMatch(a -> a.contains("s3cret"));
        Ran given = run(launch, false);
        assertThat(given.status()).isZero();
        assertThat(work.resolve("out/seen")).hasContent("s3cret");
        assertThat(given.evidence().at("/enforced/secrets").toString()).isEqualTo("[\"PROVENANT_TEST_SECRET\"]");
        assertThat(given.evidence().toString()).doesNotContain("s3cret");
    }

    @Test
    void aStepPastItsTimeoutIsKilledWithEverythingItStarted() throws Exception {
        long start = System.nanoTime();
        Ran ran = sh(profile("off", 1, 64), Map.of(), "sleep 3; touch out/late", false);
        assertThat(ran.timedOut()).isTrue();
        assertThat(ran.outcome().get("outcome").asText()).isEqualTo("timed-out");
        assertThat(ran.outcome().get("limit").asText()).isEqualTo("timeout-seconds");
        Thread.sleep(3500);
        assertThat(work.resolve("out/late")).as("the step's processes outlived the sandbox").doesNotExist();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aFileLargerThanTheLimitIsStopped() throws Exception {
        Ran ran = sh(profile("off", 30, 64), Map.of(), "exec head -c 2000000 /dev/zero > out/big", false);
        assertThat(ran.status()).isEqualTo(128 + 25);
        assertThat(ran.outcome().get("limit").asText()).isEqualTo("file-size-mib");
        assertThat(Files.size(work.resolve("out/big"))).isEqualTo(1 << 20);
    }

    @Test
    void asAnUnprivilegedUserTheSandboxHoldsAndForkingPastTheProcessLimitFails() throws Exception {
        assumeTrue(Sandbox.onPath("setpriv", ENV.getOrDefault("PATH", "")).isPresent(), "setpriv (util-linux) is not installed");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        // dir's parents must be searchable for nobody: the default temp folder is
        Ran writes = sh(profile("off", 30, 64), Map.of(), "id -u > out/uid && ! touch elsewhere.txt 2>/dev/null", true);
        assertThat(writes.status()).isZero();
        assertThat(work.resolve("elsewhere.txt")).doesNotExist();
        Ran forks = sh(profile("off", 30, 8), Map.of(), "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 2 & done; wait", true);
        assertThat(forks.status()).as("forking past the process limit succeeded").isNotZero();
        Ran within = sh(profile("off", 30, 64), Map.of(), "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait", true);
        assertThat(within.status()).isZero();
    }

    @Test
    void withoutBubblewrapOnThePathTheSandboxIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> Sandbox.locate(profile("off", 30, 64), Map.of("PATH", dir.toString()), Map.of()))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingProductInTheWorkspaceRootIsRefusedRatherThanOpeningTheWorkspace() throws Exception {
        Sandbox sandbox = Sandbox.locate(profile("off", 30, 64), ENV, Map.of());
        assertThatThrownBy(() -> sandbox.prepare(List.of("true"), work, List.of(Path.of("app.jar"))))
                .isInstanceOf(IOException.class).hasMessageContaining("name its folder");
        Sandbox.Launch launch = sandbox.prepare(List.of("true"), work, List.of(Path.of("dist/app.jar")));
        assertThat(launch.evidence().at("/enforced/writable").toString()).contains(work.resolve("dist").toString());
    }
}
