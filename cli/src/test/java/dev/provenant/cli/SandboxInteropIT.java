package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI's {@code run --sandbox} with the real bubblewrap, as a user runs it: its links under an
 * ordinary layout in in-toto-verify, as an unprivileged user, and on a machine whose PATH has no bwrap.
 */
class SandboxInteropIT {
    @TempDir
    Path dir;

    record Run(int exitCode, String output) {}

    @BeforeEach
    void requireBubblewrap() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")),
                "bubblewrap is not installed (apt-get install bubblewrap; .ci/run does), so the sandbox interop tests are skipped");
        Files.writeString(dir.resolve("in.txt"), "hello\n");
        Files.createDirectories(dir.resolve("out"));
    }

    static Run exec(Path workdir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    List<String> sandboxedRun(String key, String... extra) {
        List<String> c = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString(), "run", "-n", "build", "-k", key,
                "-m", "in.txt", "-p", "out", "--sandbox"));
        c.addAll(List.of(extra));
        c.addAll(List.of("--", "sh", "-c", "cp in.txt out/app"));
        return c;
    }

    static final String LAYOUT_SCRIPT = String.join("\n",
            "import sys",
            "from in_toto.models.layout import Layout, Step",
            "from in_toto.models.metadata import Metablock",
            "from securesystemslib.interface import import_rsa_privatekey_from_file, import_publickeys_from_file",
            "out, owner, ed_pub = sys.argv[1:4]",
            "ed = import_publickeys_from_file([ed_pub], ['ed25519'])",
            "layout = Layout()",
            "layout.set_relative_expiration(months=1)",
            "layout.keys = ed",
            "build = Step(name='build', pubkeys=list(ed), expected_command=['sh', '-c', 'cp in.txt out/app'],",
            "    expected_materials=[['ALLOW', 'in.txt'], ['DISALLOW', '*']],",
            "    expected_products=[['CREATE', 'out/app'], ['DISALLOW', '*']])",
            "layout.steps = [build]",
            "block = Metablock(signed=layout)",
            "block.sign(import_rsa_privatekey_from_file(owner))",
            "block.dump(out)",
            "");

    @Test
    void aSandboxedLinkPassesInTotoVerifyUnderAnOrdinaryLayout() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/in-toto-verify")) && Files.isExecutable(Path.of(LinkInteropIT.PYTHON)),
                "in-toto's commands are not installed (apt-get install in-toto; .ci/run does), so this interop test is skipped");
        Run ran = exec(dir, Map.of(), sandboxedRun(LinkInteropIT.key("ed25519")));
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(exec(dir, Map.of(), List.of("in-toto-keygen", "owner")).exitCode()).isZero();
        Run layout = exec(dir, Map.of(), List.of(LinkInteropIT.PYTHON, "-c", LAYOUT_SCRIPT, "root.layout", "owner",
                LinkInteropIT.key("ed25519.pub")));
        assertThat(layout.exitCode()).as(layout.output()).isZero();
        Run verified = exec(dir, Map.of(), List.of("in-toto-verify", "-l", "root.layout", "-k", "owner.pub"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        JsonNode link = JsonCodec.readTree(Files.readAllBytes(dir.resolve("build.1a8aa7f4.link")), "link");
        assertThat(link.at("/signed/environment/sandbox/runner").asText()).isEqualTo("bubblewrap");
        assertThat(link.at("/signed/environment/sandbox/enforced/network").asText()).isEqualTo("off");
    }

    @Test
    void asAnUnprivilegedUserTheSandboxHoldsTheProcessLimit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && "root".equals(System.getProperty("user.name")),
                "not root, or no setpriv: the unprivileged run needs root to switch to nobody");
        Path key = dir.resolve("key");
        Files.copy(Path.of(LinkInteropIT.key("ed25519")), key);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "env", "HOME=/nonexistent"));
        List<String> run = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString(), "run", "-n", "forks", "-k",
                key.toString(), "-p", "out", "--sandbox", "--json", "--", "sh", "-c",
                "id -u > out/uid; for i in $(seq 300); do sleep 2 & done; wait"));
        asNobody.addAll(run);
        Run ran = exec(dir, Map.of(), asNobody);
        assertThat(ran.exitCode()).as(ran.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(ran.output()).contains("Cannot fork");
        JsonNode link = JsonCodec.readTree(Files.readAllBytes(dir.resolve("forks.1a8aa7f4.link")), "link");
        assertThat(link.at("/signed/environment/sandbox/enforced/user/uid").asInt()).isEqualTo(65534);
        // the step failed, so what it wrote went with its temporary folder
        assertThat(dir.resolve("out/uid")).doesNotExist();
        assertThat(link.at("/signed/byproducts/sandbox/writes").asText()).isEqualTo("discarded");
        assertThat(link.at("/signed/environment/sandbox/enforced/not-enforced").has("processes")).isFalse();
        assertThat(link.at("/signed/byproducts/sandbox/outcome").asText()).isEqualTo("exited");
    }

    @Test
    void withoutBubblewrapOnThePathTheStepIsRefusedInOneLineAndNotRun() throws Exception {
        // outside the @TempDir, whose clean-up warns about every symlink it deletes
        Path bin = Files.createTempDirectory("bin-without-bwrap");
        try {
            try (Stream<Path> tools = Files.list(Path.of("/usr/bin"))) {
                for (Path tool : tools.toList()) {
                    if (!tool.getFileName().toString().equals("bwrap")) {
                        Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
                    }
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Run ran = exec(dir, Map.of("PATH", bin.toString(), "JAVA", java), sandboxedRun(LinkInteropIT.key("ed25519")));
            assertThat(ran.exitCode()).as(ran.output()).isEqualTo(ExitCode.SERVICE);
            assertThat(ran.output().strip().lines()).singleElement().asString()
                    .startsWith("provenant: sandbox: bubblewrap (bwrap) is not on PATH").contains("apt-get install bubblewrap");
        } finally {
            try (Stream<Path> links = Files.list(bin)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
            Files.delete(bin);
        }
        assertThat(dir.resolve("out/app")).doesNotExist();
        assertThat(dir.resolve("build.1a8aa7f4.link")).doesNotExist();
    }
}
