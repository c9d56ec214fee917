package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.sandbox.SandboxProfile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenant run --sandbox with the real bubblewrap, its link under a layout requiring the sandbox, and sandbox check. */
class RunSandboxCliTest {
    static final Path KEYS = LinkCliTest.KEYS;

    @TempDir
    Path dir;

    String keyid;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(p -> Files.isExecutable(Path.of(p, "bwrap"))),
                "bubblewrap (bwrap) is not installed: apt-get install bubblewrap to run the sandbox tests");
        Files.writeString(dir.resolve("in.txt"), "hello\n");
        Files.createDirectories(dir.resolve("out"));
        keyid = VerifyLayoutCliTest.key("ed25519").keyid();
    }

    CliRun run(List<String> options, String script) {
        List<String> args = new ArrayList<>(List.of("run", "--step", "build", "--key", KEYS.resolve("ed25519").toString(),
                "--base-path", dir.toString(), "--metadata-directory", dir.toString(), "-m", "in.txt", "-p", "out", "--json"));
        args.addAll(options);
        args.addAll(List.of("--", "sh", "-c", script));
        return CliRun.of(args.toArray(String[]::new));
    }

    Link link() throws Exception {
        return Link.fromJson(Metablock.parse(Files.readAllBytes(dir.resolve("build." + keyid.substring(0, 8) + ".link"))).signed());
    }

    /** One step, build, by the ed25519 key, creating out/app; its entry requires a sandbox as given. */
    void writeLayout(ObjectNode requirement) throws Exception {
        ObjectNode layout = JsonNodeFactory.instance.objectNode().put("_type", "layout").put("expires", "2099-01-01T00:00:00Z");
        layout.putObject("keys").set(keyid, VerifyLayoutCliTest.key("ed25519").publicKey().toJson());
        ObjectNode step = layout.putArray("steps").addObject().put("_type", "step").put("name", "build").put("threshold", 1);
        step.putArray("pubkeys").add(keyid);
        step.putArray("expected_products").add(JsonNodeFactory.instance.arrayNode().add("CREATE").add("out/app"));
        step.set("x-provenant-sandbox", requirement);
        layout.putArray("inspect");
        Files.write(dir.resolve("root.layout"), VerifyLayoutCliTest.key("rsa").sign(new Metablock(layout, List.of())).toJson());
    }

    CliRun verifyLayout() {
        return CliRun.of("verify-layout", "--layout", dir.resolve("root.layout").toString(), "--layout-key",
                KEYS.resolve("rsa.pub").toString(), "--link-dir", dir.toString(), "--json");
    }

    static JsonNode json(String out) throws Exception {
        return JsonCodec.readTree(out.trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    @Test
    void aSandboxedStepIsSignedWithItsIsolationAndPassesALayoutRequiringIt() throws Exception {
        String digest = SandboxProfile.builtIn("strict").digest().toString();
        CliRun ran = run(List.of("--sandbox"), "cp " + dir.resolve("in.txt") + " " + dir.resolve("out/app")
                + " && { touch " + dir.resolve("stray") + " 2>/dev/null; true; }");
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        Link link = link();
        JsonNode sandbox = link.environment().get("sandbox");
        assertThat(sandbox.at("/profile/name").asText()).isEqualTo("strict");
        assertThat(sandbox.at("/profile/digest").asText()).isEqualTo(digest);
        assertThat(sandbox.at("/enforced/network").asText()).isEqualTo("off");
        assertThat(sandbox.at("/runner-version").asText()).isNotEmpty();
        assertThat(link.byproducts().at("/sandbox/outcome").asText()).isEqualTo("exited");
        assertThat(link.products()).containsOnlyKeys("out/app");
        // outside the workspace and the products, a write lands in the sandbox's private /tmp at most, and is gone
        assertThat(dir.resolve("stray")).doesNotExist();

        writeLayout(JsonNodeFactory.instance.objectNode().put("network", "off").put("profile-digest", digest));
        CliRun verified = verifyLayout();
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();

        // the same step run unsandboxed makes a link the layout refuses, naming the step
        CliRun plain = run(List.of(), "cp " + dir.resolve("in.txt") + " " + dir.resolve("out/app"));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        CliRun refused = verifyLayout();
        assertThat(refused.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(refused.out()).get("check").asText()).isEqualTo("sandbox");
        assertThat(json(refused.out()).get("message").asText()).contains("step 'build'").contains("does not record a sandbox");
    }

    @Test
    void aStepPastItsTimeoutIsKilledAndItsLinkSaysSo() throws Exception {
        ObjectNode profile = SandboxProfile.builtIn("strict").toJson();
        ((ObjectNode) profile.get("limits")).put("timeout-seconds", 1);
        Path file = dir.resolve("quick.json");
        Files.write(file, JsonCodec.writePretty(profile));
        long start = System.nanoTime();
        CliRun ran = run(List.of("--sandbox", file.toString()), "sleep 20");
        assertThat(System.nanoTime() - start).isLessThan(15_000_000_000L);
        assertThat(ran.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        Link link = link();
        assertThat(link.byproducts().at("/sandbox/outcome").asText()).isEqualTo("timed-out");
        assertThat(link.byproducts().at("/sandbox/limit").asText()).isEqualTo("timeout-seconds");
        assertThat(link.environment().at("/sandbox/profile/digest").asText())
                .isEqualTo(SandboxProfile.parse(Files.readAllBytes(file)).digest().toString());
    }

    @Test
    void aSecretFromAFileReachesTheStepAndOnlyItsNameIsRecorded() throws Exception {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "t0ps3cret\n");
        CliRun ran = run(List.of("--sandbox", "--secret-file", "API_TOKEN=" + secret),
                "printenv API_TOKEN > " + dir.resolve("out/seen"));
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(dir.resolve("out/seen")).hasContent("t0ps3cret");
        String signed = Files.readString(dir.resolve("build." + keyid.substring(0, 8) + ".link"));
        assertThat(signed).contains("API_TOKEN").doesNotContain("t0ps3cret");
    }

    @Test
    void secretsWithoutASandboxAndAnUnknownProfileAreUsageErrors() throws Exception {
        CliRun noSandbox = run(List.of("--secret", "HOME"), "true");
        assertThat(noSandbox.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noSandbox.err()).contains("add --sandbox");
        CliRun unknown = run(List.of("--sandbox", "stirct"), "true");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("no built-in sandbox profile 'stirct'");
    }

    @Test
    void sandboxCheckPrintsTheDigestOfACleanProfileAndEachProblemOfABadOne() throws Exception {
        Path good = dir.resolve("good.json");
        Files.write(good, JsonCodec.writePretty(SandboxProfile.builtIn("build").toJson()));
        CliRun ok = CliRun.of("sandbox", "check", good.toString(), "--json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(json(ok.out()).get("digest").asText()).isEqualTo(SandboxProfile.builtIn("build").digest().toString());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"apiVersion\": \"provenant.dev/sandbox/v1\", \"name\": \"x\", \"network\": \"lan\"}");
        CliRun problems = CliRun.of("sandbox", "check", bad.toString());
        assertThat(problems.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(problems.out()).contains(bad + ": network: must be one of [off, loopback, host]").contains(bad + ": limits: required");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"apiVersion\": ");
        assertThat(CliRun.of("sandbox", "check", broken.toString()).exitCode()).isEqualTo(ExitCode.USAGE);

        CliRun shown = CliRun.of("sandbox", "show", "strict");
        assertThat(shown.exitCode()).isZero();
        assertThat(SandboxProfile.parse(shown.out().getBytes(StandardCharsets.UTF_8))).isEqualTo(SandboxProfile.builtIn("strict"));
    }
}
