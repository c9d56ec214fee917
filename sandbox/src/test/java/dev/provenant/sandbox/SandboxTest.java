package dev.provenant.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.Optional;
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
        return new Ran(p.exitValue(), !done, launch.evidence(), launch.finish(p.exitValue(), !done));
    }

    Ran sh(SandboxProfile profile, Map<String, String> secrets, String script, boolean asNobody) throws Exception {
        return sh(profile, secrets, script, asNobody, List.of(Path.of("out")));
    }

    Ran sh(SandboxProfile profile, Map<String, String> secrets, String script, boolean asNobody, List<Path> products)
            throws Exception {
        Sandbox sandbox = asNobody ? Sandbox.locate(profile, ENV, secrets, Sandbox.NOBODY) : Sandbox.locate(profile, ENV, secrets);
        return run(sandbox.prepare(List.of("sh", "-c", script), work, products), asNobody);
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
        Ran ran = sh(profile("off", 1, 64), Map.of(), "touch out/early; sleep 3.217; touch out/late", false);
        assertThat(ran.timedOut()).isTrue();
        assertThat(ran.outcome().get("outcome").asText()).isEqualTo("timed-out");
        assertThat(ran.outcome().get("limit").asText()).isEqualTo("timeout-seconds");
        assertThat(ran.outcome().get("writes").asText()).isEqualTo("discarded");
        assertThat(work.resolve("out/early")).as("a killed step's write reached the workspace").doesNotExist();
        Thread.sleep(500);
        Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 3.217").start();
        assertThat(pgrep.waitFor()).as("the step's processes outlived the sandbox").isEqualTo(1);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aFileLargerThanTheLimitIsStopped() throws Exception {
        Ran ran = sh(profile("off", 30, 64), Map.of(), "exec head -c 2000000 /dev/zero > out/big", false);
        assertThat(ran.status()).isEqualTo(128 + 25);
        assertThat(ran.outcome().get("limit").asText()).isEqualTo("file-size-mib");
        // the step failed, so its truncated file went with its temporary folder
        assertThat(work.resolve("out/big")).doesNotExist();
        Ran within = sh(profile("off", 30, 64), Map.of(), "exec head -c 1000000 /dev/zero > out/big", false);
        assertThat(within.status()).isZero();
        assertThat(Files.size(work.resolve("out/big"))).isEqualTo(1000000);
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
        assertThat(writes.evidence().at("/enforced/namespaces").toString()).contains("\"user\"");
    }

    @Test
    void forkingPastTheProcessLimitFailsWhoeverTheCallerIsRootIncluded() throws Exception {
        Ran forks = sh(profile("off", 30, 8), Map.of(), "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 2 & done; wait", false);
        assertThat(forks.status()).as("forking past the process limit succeeded").isNotZero();
        Ran within = sh(profile("off", 30, 64), Map.of(), "id -u > out/uid; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait", false);
        assertThat(within.status()).isZero();
        String uid = Files.readString(work.resolve("out/uid")).strip();
        assertThat(within.evidence().at("/enforced/user/uid").asText()).isEqualTo(uid);
        assertThat(within.evidence().at("/enforced/limits-by/processes").asText()).contains("RLIMIT_NPROC of uid " + uid);
        if (Sandbox.currentUid() == 0) {
            // root's step runs as nobody, without the user namespace that would keep it at kuid 0
            assertThat(uid).isEqualTo(Integer.toString(Sandbox.NOBODY));
            assertThat(within.evidence().at("/enforced/user/by").asText()).contains("setpriv");
            assertThat(within.evidence().at("/enforced/namespaces").toString()).doesNotContain("\"user\"");
            // the same fork bomb in the user namespace a non-root caller gets, started by root, is not stopped: the test can fail
            Process mapped = new ProcessBuilder("bwrap", "--unshare-user", "--uid", "1000", "--unshare-pid", "--ro-bind", "/", "/",
                    "--dev", "/dev", "--proc", "/proc", "--", "prlimit", "--nproc=8", "--", "sh", "-c",
                    "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait").inheritIO().start();
            assertThat(mapped.waitFor()).isZero();
        }
    }

    static final String SELF_SERVED = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1);"
            + " socket.create_connection(s.getsockname(), timeout=5).close()";

    @Test
    void loopbackReachesAServerInsideTheSandboxButNotTheCallersAndOffReachesNeither() throws Exception {
        assumeTrue(Sandbox.onPath("python3", ENV.getOrDefault("PATH", "")).isPresent(), "python3 is not installed");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String outside = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "'";
            String inside = "python3 -c \"" + SELF_SERVED + "\"";
            Ran loopInside = sh(profile("loopback", 30, 64), Map.of(), inside, false);
            assertThat(loopInside.status()).as("loopback: a server the step started itself").isZero();
            assertThat(loopInside.evidence().at("/enforced/network").asText()).isEqualTo("loopback");
            assertThat(loopInside.evidence().at("/enforced/namespaces").toString()).contains("\"net\"");
            Ran loopOutside = sh(profile("loopback", 30, 64), Map.of(), outside + " 2>/dev/null", false);
            assertThat(loopOutside.status()).as("loopback reached the caller's loopback server").isNotZero();
            Ran offInside = sh(profile("off", 30, 64), Map.of(), inside + " 2>/dev/null", false);
            assertThat(offInside.status()).as("network off let the step use its own loopback").isNotZero();
            assertThat(offInside.evidence().at("/enforced/network-by").asText()).contains("seccomp");
            Ran hostOutside = sh(profile("host", 30, 64), Map.of(), outside, false);
            assertThat(hostOutside.status()).isZero();
            // a layout requiring the network off does not take loopback for off
            ObjectNode env = JsonNodeFactory.instance.objectNode();
            env.set(SandboxEvidence.KEY, loopInside.evidence());
            assertThat(SandboxEvidence.shortfall(env, true, Optional.empty())).get().asString().contains("network loopback");
            env.set(SandboxEvidence.KEY, offInside.evidence());
            assertThat(SandboxEvidence.shortfall(env, true, Optional.empty())).isEmpty();
        }
    }

    @Test
    void aStepThatWritesItsProductsAndThenFailsLeavesTheWorkspaceAsItWas() throws Exception {
        Files.writeString(work.resolve("out/old.txt"), "before\n");
        String script = "echo after > out/old.txt && echo new > out/new.txt && mkdir -p dist && echo app > dist/app.jar";
        List<Path> products = List.of(Path.of("out"), Path.of("dist/app.jar"));
        Ran failed = sh(profile("off", 30, 64), Map.of(), script + " && exit 3", false, products);
        assertThat(failed.status()).isEqualTo(3);
        assertThat(failed.outcome().get("writes").asText()).isEqualTo("discarded");
        assertThat(work.resolve("out/old.txt")).hasContent("before");
        assertThat(work.resolve("out/new.txt")).doesNotExist();
        assertThat(work.resolve("dist")).as("the folder made for a product of the failed step").doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("in.txt", "out");
        }
        Ran kept = sh(profile("off", 30, 64), Map.of(), script, false, products);
        assertThat(kept.status()).isZero();
        assertThat(kept.outcome().get("writes").asText()).isEqualTo("kept");
        assertThat(work.resolve("out/old.txt")).hasContent("after");
        assertThat(work.resolve("out/new.txt")).hasContent("new");
        assertThat(work.resolve("dist/app.jar")).hasContent("app");
        assertThat(Files.getOwner(work.resolve("out/new.txt"))).isEqualTo(Files.getOwner(work));
    }

    @Test
    void aProfileRequiringCgroupLimitsTheMachineCannotGiveIsRefusedInOneLine() throws Exception {
        String json = new String(profile("off", 30, 64).toJson().toString()).replace("\"cgroup\":{\"required\":false}",
                "\"cgroup\":{\"required\":true}");
        SandboxProfile required = SandboxProfile.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(required.cgroup().required()).isTrue();
        CgroupV2.Detected here = CgroupV2.detect(CgroupV2.controllers(required));
        if (here.cgroup().isEmpty()) {
            assertThatThrownBy(() -> Sandbox.locate(required, ENV, Map.of()))
                    .isInstanceOf(SandboxUnavailableException.class)
                    .hasMessageContaining("requires cgroup v2 limits").hasMessageContaining(here.reason())
                    .hasMessageNotContaining("\n");
            // not required: the step runs, and its link says the cgroup limits did not apply, and why
            Ran ran = sh(profile("off", 30, 64), Map.of(), "true", false);
            assertThat(ran.evidence().at("/enforced/cgroup/applied").asBoolean()).isFalse();
            assertThat(ran.evidence().at("/enforced/cgroup/reason").asText()).isEqualTo(here.reason());
        } else {
            Ran ran = sh(required, Map.of(), "cat /proc/self/cgroup > out/cgroup", false);
            assertThat(ran.status()).isZero();
            assertThat(ran.evidence().at("/enforced/cgroup/applied").asBoolean()).isTrue();
            assertThat(work.resolve("out/cgroup")).content().contains("provenant-step-");
        }
    }

    @Test
    void withoutBubblewrapOnThePathTheSandboxIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> Sandbox.locate(profile("off", 30, 64), Map.of("PATH", dir.toString()), Map.of()))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageNotContaining("\n");
    }

    /** A PATH of the real prlimit and setpriv and a stand-in bwrap that answers with {@code script}. */
    Path fakeBwrapPath(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-" + Integer.toHexString(script.hashCode())));
        for (String tool : List.of("prlimit", "setpriv")) {
            Optional<Path> real = Sandbox.onPath(tool, ENV.getOrDefault("PATH", ""));
            if (real.isPresent()) {
                Files.createSymbolicLink(bin.resolve(tool), real.get());
            }
        }
        Path bwrap = Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void aKernelThatRefusesTheNamespacesOrABrokenBubblewrapIsRefusedInOneLine() throws Exception {
        Path refusing = fakeBwrapPath("echo 'bwrap: No permissions to creating new namespace' >&2; exit 1");
        assertThatThrownBy(() -> Sandbox.locate(profile("off", 30, 64), Map.of("PATH", refusing.toString()), Map.of()))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("cannot create the sandbox's namespaces here (bwrap: No permissions")
                .hasMessageNotContaining("\n");
        Path broken = fakeBwrapPath("echo 'segmentation fault'; exit 139");
        assertThatThrownBy(() -> Sandbox.locate(profile("off", 30, 64), Map.of("PATH", broken.toString()), Map.of()))
                .isInstanceOf(SandboxUnavailableException.class).hasMessageContaining("reinstall bubblewrap");
        // the real one, on the same kind of PATH, is accepted and says its version
        Path real = fakeBwrapPath("exec " + Sandbox.onPath("bwrap", ENV.getOrDefault("PATH", "")).orElseThrow() + " \"$@\"");
        Sandbox sandbox = Sandbox.locate(profile("off", 30, 64), Map.of("PATH", real + ":" + ENV.getOrDefault("PATH", "")), Map.of());
        Sandbox.Launch launch = sandbox.prepare(List.of("true"), work, List.of(Path.of("out")));
        assertThat(launch.evidence().get("runner-version").asText()).matches("[0-9]+\\.[0-9]+.*");
        launch.finish(1, false);
    }

    /**
     * A probe that held is remembered for the same binary, namespaces, uid and boot, in a cache folder of the
     * caller's own; a changed binary, other namespaces, a failed step, a folder others may write or an entry of
     * other content each make the next locate probe again, and a binary that now refuses is refused.
     */
    @Test
    void aProbeThatHeldIsRememberedUntilAnythingItDependsOnChangesOrAStepFails() throws Exception {
        String realBwrap = Sandbox.onPath("bwrap", ENV.getOrDefault("PATH", "")).orElseThrow().toString();
        // a bwrap of its own (the real one behind a script), with the real prlimit and setpriv, which the step runs
        // inside the sandbox, where this test's temporary folder is not
        Path bin = Files.createDirectories(dir.resolve("cached-bin"));
        Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\nexec " + realBwrap + " \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("bwrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cacheHome = dir.resolve("cache");
        Map<String, String> env = Map.of("PATH", bin + ":" + ENV.getOrDefault("PATH", ""), "XDG_CACHE_HOME", cacheHome.toString());
        SandboxProfile off = profile("off", 30, 64);

        Sandbox first = Sandbox.locate(off, env, Map.of());
        assertThat(first.probed()).isTrue();
        Path folder = cacheHome.resolve("provenant/sandbox-probe");
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Sandbox second = Sandbox.locate(off, env, Map.of());
        assertThat(second.probed()).isFalse();
        Sandbox.Launch probedLaunch = first.prepare(List.of("true"), work, List.of(Path.of("out")));
        String probedVersion = probedLaunch.evidence().get("runner-version").asText();
        probedLaunch.finish(1, false); // never started: its staging goes (a probed sandbox has no entry to forget)
        Sandbox.Launch launch = second.prepare(List.of("true"), work, List.of(Path.of("out")));
        assertThat(launch.evidence().get("runner-version").asText()).isEqualTo(probedVersion).matches("[0-9]+\\.[0-9]+.*");
        assertThat(run(launch, false).status()).isZero();
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).as("a step that succeeded keeps the entry").isFalse();

        // other namespaces (the network of the host: no network namespace) are another probe
        assertThat(Sandbox.locate(profile("host", 30, 64), env, Map.of()).probed()).isTrue();
        // the caller may turn the cache off
        Map<String, String> noCache = new HashMap<>(env);
        noCache.put("PROVENANT_SANDBOX_PROBE_CACHE", "off");
        assertThat(Sandbox.locate(off, noCache, Map.of()).probed()).isTrue();
        // without a cache folder (no HOME, no XDG_CACHE_HOME) every locate probes
        assertThat(Sandbox.locate(off, Map.of("PATH", env.get("PATH")), Map.of()).probed()).isTrue();

        // a step that fails after a remembered probe forgets it
        Sandbox remembered = Sandbox.locate(off, env, Map.of());
        assertThat(remembered.probed()).isFalse();
        remembered.prepare(List.of("false"), work, List.of(Path.of("out"))).finish(1, false);
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).isTrue();

        // an entry of other content, or in a folder others may write, is not read
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path e : entries.toList()) {
                Files.writeString(e, "bubblewrap 9.9.9; rm -rf /\n");
            }
        }
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).isTrue();
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).isFalse();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).isTrue();
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).as("nor written").isTrue();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        assertThat(Sandbox.locate(off, env, Map.of()).probed()).as("the caller's own again").isFalse();

        // the same binary, changed: a refusal is found and refused, not hidden by the entry of the old one
        Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2; exit 1\n");
        assertThatThrownBy(() -> Sandbox.locate(off, env, Map.of())).isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("cannot create the sandbox's namespaces here");
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
