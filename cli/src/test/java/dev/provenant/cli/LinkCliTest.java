package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenant run and verify-link in-process; record start/stop and in-toto interop are in LinkInteropIT. */
class LinkCliTest {
    static final Path TESTDATA = Path.of(System.getProperty("provenant.testdata", "../testdata"));
    static final Path KEYS = TESTDATA.resolve("keys/intoto");

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "hello\n");
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.readTree(run.out().trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    private CliRun run(String key, String... extra) {
        String[] base = {"run", "--step", "build", "--key", KEYS.resolve(key).toString(), "--base-path", dir.toString(),
            "--metadata-directory", dir.toString(), "-m", "in.txt", "-p", "in.txt", "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void runWritesALinkAndABundleThatVerify() throws Exception {
        CliRun ran = run("rsa", "--", "true");
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        JsonNode out = json(ran);
        assertThat(out.get("keyid").asText()).startsWith("b26082d9");
        Path link = dir.resolve("build.b26082d9.link");
        assertThat(out.get("link").asText()).isEqualTo(link.toString());
        assertThat(out.get("bundle").asText()).isEqualTo(link + ".sigstore.json");

        CliRun verified = CliRun.of("verify-link", "--key", KEYS.resolve("rsa.pub").toString(), link.toString(), "--json");
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(json(verified).get("step").asText()).isEqualTo("build");
        assertThat(json(verified).get("scheme").asText()).isEqualTo("rsassa-pss-sha256");

        // the bundle verifies as an attestation over the product with the same key's PEM
        CliRun attestation = CliRun.of("verify-attestation", "--key", KEYS.resolve("rsa.pub").toString(), "--bundle",
                link + ".sigstore.json", "--type", "https://in-toto.io/attestation/link/v0.3", dir.resolve("in.txt").toString());
        assertThat(attestation.exitCode()).as(attestation.err()).isZero();
    }

    @Test
    void controlCharactersFromALinkAreEscapedNeverPrintedRaw() throws Exception {
        String evil = "build\u001b[2K\rVerified OK: release.jar\n  signed by   trusted";
        // a functionary's link whose step name carries an escape sequence, a carriage return and a newline
        var key = dev.provenant.intoto.keys.SslibKeyFiles.readPrivate(KEYS.resolve("ed25519"),
                new dev.provenant.signer.SecretSource(java.util.Map.of(), "X", null), dev.provenant.attest.sslib.SslibScheme.RSASSA_PSS_SHA256);
        var block = dev.provenant.intoto.link.Metablock.parse(
                Files.readAllBytes(Path.of(json(run("ed25519", "--no-command")).get("link").asText())));
        var signed = block.signed();
        signed.put("name", evil);
        Path link = dir.resolve("evil.link");
        Files.write(link, key.sign(new dev.provenant.intoto.link.Metablock(signed, java.util.List.of())).toJson());
        CliRun verified = CliRun.of("verify-link", "--key", KEYS.resolve("ed25519.pub").toString(), link.toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).doesNotContain("\u001b", "\r");
        // one line per field: the step's newline cannot start a line of its own
        assertThat(verified.out().lines().filter(l -> l.startsWith("Verified OK"))).hasSize(1);
        assertThat(verified.out().lines().filter(l -> l.startsWith("  signed by"))).hasSize(1);
        assertThat(verified.out()).contains("  step        build\\u001b[2K\\u000dVerified OK: release.jar\\u000a  signed by   trusted");

        CliRun asJson = CliRun.of("verify-link", "--key", KEYS.resolve("ed25519.pub").toString(), link.toString(), "--json");
        assertThat(asJson.exitCode()).isZero();
        assertThat(json(asJson).get("step").asText()).isEqualTo(evil);

        CliRun wrongKey = CliRun.of("verify-link", "--key", KEYS.resolve("ecdsa.pub").toString(), link.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).doesNotContain("\u001b", "\r").hasLineCount(1);
    }

    @Test
    void tamperedLinkWrongKeyAndUnreadableInput() throws Exception {
        assertThat(run("ed25519", "--no-command").exitCode()).isZero();
        Path link = dir.resolve("build.1a8aa7f4.link");
        String pub = KEYS.resolve("ed25519.pub").toString();
        assertThat(CliRun.of("verify-link", "--key", pub, link.toString()).out()).contains("Verified OK");

        CliRun wrongKey = CliRun.of("verify-link", "--key", KEYS.resolve("ecdsa.pub").toString(), link.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("no signature by key d54458dc");

        Files.writeString(link, Files.readString(link).replace("\"build\"", "\"build2\""));
        CliRun tampered = CliRun.of("verify-link", "--key", pub, link.toString(), "--json");
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(json(tampered).get("check").asText()).isEqualTo("signature");

        assertThat(CliRun.of("verify-link", "--key", pub, dir.resolve("missing.link").toString()).exitCode()).isEqualTo(2);
        Path junk = Files.writeString(dir.resolve("junk.link"), "not json");
        assertThat(CliRun.of("verify-link", "--key", pub, junk.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("verify-link", "--key", dir.resolve("nokey.pub").toString(), link.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void aFailingCommandIsRecordedAndExitsOne() throws Exception {
        CliRun ran = run("ecdsa", "-s", "--", "sh", "-c", "exit 4");
        assertThat(ran.exitCode()).isEqualTo(1);
        assertThat(ran.err()).contains("exited with 4");
        assertThat(json(ran).get("returnValue").asInt()).isEqualTo(4);
        assertThat(dir.resolve("build.d54458dc.link")).exists();
    }

    @Test
    void usageErrors() {
        assertThat(run("rsa").exitCode()).isEqualTo(2); // no command and no --no-command
        assertThat(run("rsa", "--no-command", "--", "true").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("run", "--step", "../x", "--key", KEYS.resolve("rsa").toString(), "--no-command").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("run", "--step", "x", "--key", KEYS.resolve("rsa.pub").toString(), "--no-command").exitCode()).isEqualTo(2);
    }

    /** record start and stop run no command, so --sandbox is refused in one line, before anything else is checked. */
    @Test
    void recordStartAndStopRefuseSandboxInOneLineNamingRunSandbox() throws Exception {
        String key = KEYS.resolve("ed25519").toString();
        String d = dir.toString();
        Files.writeString(dir.resolve("in.txt"), "in");
        for (String[] args : new String[][] {
            {"record", "start", "-n", "package", "-k", key, "-b", d, "-d", d, "-m", "in.txt", "--sandbox"},
            {"record", "start", "--sandbox", "build", "-n", "package", "-k", key, "-b", d, "-d", d},
            {"record", "start", "--sandbox"}, // before the missing --step and --key
            {"record", "stop", "-n", "package", "-k", key, "-b", d, "-d", d, "--sandbox=strict", "-p", "in.txt"}}) {
            CliRun refused = CliRun.of(args);
            assertThat(refused.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(refused.err().strip()).as("one line").doesNotContain("\n")
                    .isEqualTo("provenant: " + RecordCommand.NoSandbox.WHY).contains("provenant run --sandbox");
            assertThat(refused.out()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains("link"))).as("nothing recorded").isEmpty();
        }
        // record start writes its preliminary link in the working directory, as in-toto-record does
        assertThat(Path.of(dev.provenant.intoto.record.StepRecorder.unfinishedFileName("package",
                VerifyLayoutCliTest.key("ed25519").keyid()))).as("no preliminary link").doesNotExist();
    }

    @Test
    void publicKeysConvertBetweenPemAndSecuresystemslibJsonKeepingTheKeyid() throws Exception {
        CliRun json = CliRun.of("public-key", "--key", KEYS.resolve("rsa").toString(), "--format", "securesystemslib");
        assertThat(json.exitCode()).as(json.err()).isZero();
        Path rsaJson = Files.writeString(dir.resolve("rsa.pub.json"), json.out());
        CliRun pem = CliRun.of("public-key", "--key", KEYS.resolve("ed25519").toString());
        assertThat(pem.out()).startsWith("-----BEGIN PUBLIC KEY-----");
        Path edPem = Files.writeString(dir.resolve("ed.pem"), pem.out());
        Path link = TESTDATA.resolve("links/intoto/rsa-step.b26082d9.link");
        assertThat(CliRun.of("verify-link", "--key", rsaJson.toString(), link.toString()).exitCode()).isZero();
        Path edLink = TESTDATA.resolve("links/intoto/ed-step.1a8aa7f4.link");
        assertThat(CliRun.of("verify-link", "--key", edPem.toString(), edLink.toString()).exitCode()).isZero();
    }

    @Test
    void everyNewCommandHasHelpWithExamples() {
        for (String[] args : new String[][] {{"run", "--help"}, {"record", "--help"}, {"record", "start", "--help"},
            {"record", "stop", "--help"}, {"verify-link", "--help"}}) {
            CliRun help = CliRun.of(args);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Examples:");
        }
    }
}
