package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.ci.GitHubActionsDetector;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.sandbox.SandboxProfile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    static final Path SIGNING = VerifyProvenanceCliTest.KEYS;

    Path linkFile() {
        return dir.resolve("build." + keyid.substring(0, 8) + ".link");
    }

    CliRun provenance(String... more) {
        List<String> args = new ArrayList<>(List.of("provenance", "--sandbox-link", linkFile().toString(), "--link-key",
                KEYS.resolve("ed25519.pub").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void oneLine(CliRun run, int code, String... parts) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:").contains(parts);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void provenanceForASandboxedStepsProductsRecordsItsSandboxInInternalParameters() throws Exception {
        CliRun ran = run(List.of("--sandbox"), "printf built > " + dir.resolve("out/app"));
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        JsonNode sandbox = link().environment().get("sandbox");
        Path app = dir.resolve("out/app");

        Path unsigned = dir.resolve("prov.json");
        CliRun made = provenance("--output", unsigned.toString(), "--json", app.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(json(made.out()).get("sandboxedStep").asText()).isEqualTo("build");
        JsonNode statement = JsonCodec.readTree(Files.readAllBytes(unsigned), "statement");
        assertThat(dev.provenant.attest.slsa.ProvenanceRules.violations(statement)).isEmpty();
        JsonNode record = statement.at("/predicate/buildDefinition/internalParameters").get("provenant.dev/sandbox");
        assertThat(record.get("step").asText()).isEqualTo("build");
        assertThat(record.get("functionary").asText()).isEqualTo(keyid);
        assertThat(record.get("profile")).isEqualTo(sandbox.get("profile"));
        assertThat(record.get("settings")).isEqualTo(sandbox.get("settings"));
        assertThat(record.get("enforced")).isEqualTo(sandbox.get("enforced"));
        assertThat(record.get("runner-version").asText()).isEqualTo(sandbox.get("runner-version").asText()).isNotEmpty();
        assertThat(record.get("run")).isEqualTo(link().byproducts().get("sandbox"));

        // signed, the record is in the verified statement
        Path bundle = dir.resolve("prov.sigstore.json");
        CliRun signed = provenance("--key", SIGNING.resolve("ec-p256-sec1.pem").toString(), "--output", bundle.toString(), app.toString());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.err()).contains("built by sandboxed step build");
        CliRun attested = CliRun.of("verify-attestation", "--key", SIGNING.resolve("ec-p256.pub").toString(), "--bundle",
                bundle.toString(), "--type", "https://slsa.dev/provenance/v1", "--print-statement", "--json", app.toString());
        assertThat(attested.exitCode()).as(attested.err()).isZero();
        assertThat(json(attested.out()).at("/statement/predicate/buildDefinition/internalParameters").get("provenant.dev/sandbox"))
                .isEqualTo(record);
    }

    /**
     * verify-provenance shows the sandbox record, in JSON as signed and in text as one line. The provenance is made
     * as a GitHub Actions build would make it (verify-provenance needs a source), with the record provenance
     * --sandbox-link took from the real sandboxed step's link.
     */
    @Test
    void verifyProvenanceShowsTheSandboxRecord() throws Exception {
        CliRun ran = run(List.of("--sandbox"), "printf built > " + dir.resolve("out/app"));
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        Path app = dir.resolve("out/app");
        CliRun made = provenance(app.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        JsonNode record = json(made.out()).at("/predicate/buildDefinition/internalParameters").get("provenant.dev/sandbox");
        assertThat(record).isNotNull();

        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY",
                "acme/app", "GITHUB_REF", "refs/tags/v1.4.2", "GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@refs/tags/v1.4.2",
                "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567", "GITHUB_RUN_ID", "42");
        var build = new CiDetection(List.of(new GitHubActionsDetector())).detect(new Environment(env), dir);
        Path bundle = dir.resolve("prov.sigstore.json");
        for (boolean sandboxed : new boolean[] {true, false}) {
            var statement = new ProvenanceGenerator().generate(List.of(ResourceDescriptor.of("out/app",
                    new ArtifactDigester().digest(app, DigestAlgorithm.SHA256))),
                    sandboxed ? build.withInternalParameter("provenant.dev/sandbox", record) : build, List.of(),
                    ProvenanceGenerator.Overrides.none(), Instant.now());
            Path statementFile = Files.write(dir.resolve("statement.json"), statement.toJson());
            CliRun attest = CliRun.of("attest", "--key", SIGNING.resolve("ec-p256-sec1.pem").toString(), "--statement",
                    statementFile.toString(), "--bundle", bundle.toString());
            assertThat(attest.exitCode()).as(attest.err()).isZero();
            List<String> verify = List.of("verify-provenance", "--key", SIGNING.resolve("ec-p256.pub").toString(), "--bundle",
                    bundle.toString(), "--source-uri", "github.com/acme/app");
            CliRun shown = CliRun.of(concat(verify, "--json", app.toString()));
            assertThat(shown.exitCode()).as(shown.out() + shown.err()).isZero();
            CliRun text = CliRun.of(concat(verify, app.toString()));
            assertThat(text.exitCode()).as(text.err()).isZero();
            if (sandboxed) {
                assertThat(json(shown.out()).get("sandbox")).isEqualTo(record);
                assertThat(text.out()).contains("  sandbox     step build in bubblewrap " + record.get("runner-version").asText()
                        + ", profile strict " + SandboxProfile.builtIn("strict").digest() + ", network off, exited 0\n");
            } else {
                assertThat(json(shown.out()).has("sandbox")).isFalse();
                assertThat(text.out()).doesNotContain("sandbox");
            }
        }
    }

    static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void provenanceRefusesASubjectTheSandboxedStepDidNotProduce() throws Exception {
        CliRun ran = run(List.of("--sandbox"), "printf built > " + dir.resolve("out/app"));
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        Path other = Files.writeString(dir.resolve("other.bin"), "not built by the step");
        oneLine(provenance(dir.resolve("out/app").toString(), other.toString()), ExitCode.NOT_TRUSTED, "artifact digest",
                "subject " + other + " is not among the products of the link of step 'build'");
        oneLine(provenance(dir.resolve("in.txt").toString()), ExitCode.NOT_TRUSTED, "artifact digest", "not among the products");
        // a product that is a copy of a material: the step may not have built it
        CliRun copied = run(List.of("--sandbox"), "cp " + dir.resolve("in.txt") + " " + dir.resolve("out/app"));
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        oneLine(provenance(dir.resolve("out/app").toString()), ExitCode.NOT_TRUSTED, "artifact digest",
                "has the digest of material in.txt");
    }

    @Test
    void provenanceRefusesALinkWithoutASandboxATamperedLinkAndAFailedStep() throws Exception {
        CliRun plain = run(List.of(), "printf built > " + dir.resolve("out/app"));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        Path app = dir.resolve("out/app");
        oneLine(provenance(app.toString()), ExitCode.NOT_TRUSTED, "sandboxed step", "does not record a sandbox");

        CliRun ran = run(List.of("--sandbox"), "printf built > " + app);
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(provenance(app.toString()).exitCode()).isZero();
        // the same link with its sandbox record changed after signing (network off -> host)
        ObjectNode block = (ObjectNode) json(Files.readString(linkFile()));
        ((ObjectNode) block.at("/signed/environment/sandbox/enforced")).put("network", "host");
        Files.write(linkFile(), JsonCodec.writePretty(block));
        oneLine(provenance(app.toString()), ExitCode.NOT_TRUSTED, "signature", "does not verify");
        // another functionary's key
        oneLine(CliRun.of("provenance", "--sandbox-link", linkFile().toString(), "--link-key", KEYS.resolve("ecdsa.pub").toString(),
                app.toString()), ExitCode.NOT_TRUSTED, "signature", "no signature by key");

        // a sandboxed step that failed leaves out/app as it was: its link does not stand for a build of it
        CliRun failed = run(List.of("--sandbox"), "printf other > " + app + "; exit 3");
        assertThat(failed.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(app).hasContent("built");
        oneLine(provenance(app.toString()), ExitCode.NOT_TRUSTED, "sandboxed step", "did not succeed", "exit status 3");
    }

    @Test
    void sandboxLinkAndLinkKeyGoTogetherAndAnUnreadableLinkIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("out/app"), "x");
        oneLine(CliRun.of("provenance", "--sandbox-link", linkFile().toString(), dir.resolve("out/app").toString()), ExitCode.USAGE,
                "add --link-key");
        oneLine(CliRun.of("provenance", "--link-key", KEYS.resolve("ed25519.pub").toString(), dir.resolve("out/app").toString()),
                ExitCode.USAGE, "add --sandbox-link");
        Files.writeString(linkFile(), "{\"signed\": ");
        oneLine(provenance(dir.resolve("out/app").toString()), ExitCode.USAGE, linkFile().toString());
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
