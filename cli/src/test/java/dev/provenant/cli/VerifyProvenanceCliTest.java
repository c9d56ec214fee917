package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.ci.GitHubActionsDetector;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyProvenanceCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    /** The conformance suite's cases; skips the calling test when the suite was not given. */
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }
    static final String WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.4.2";
    static final String BEACON = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
            + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";

    @TempDir
    Path dir;

    Path artifact;
    String bundle;
    String pub;

    /**
     * GitHub Actions provenance as Provenant's generator writes it, signed by {@code provenant attest}.
     * The generator is called directly rather than through {@code provenant provenance}, which reads
     * this process's environment: the test must not depend on the CI system it runs on.
     */
    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact content");
        pub = KEYS.resolve("ec-p256.pub").toString();
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY",
                "acme/app", "GITHUB_REF", "refs/tags/v1.4.2", "GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@refs/tags/v1.4.2",
                "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567", "GITHUB_RUN_ID", "42");
        var build = new CiDetection(List.of(new GitHubActionsDetector())).detect(new Environment(env), dir);
        var statement = new ProvenanceGenerator().generate(List.of(ResourceDescriptor.of("app.jar",
                new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256))), build, List.of(),
                ProvenanceGenerator.Overrides.none(), Instant.parse("2026-11-27T10:00:00Z"));
        Path statementFile = Files.write(dir.resolve("statement.json"), statement.toJson());
        bundle = dir.resolve("app.provenance.sigstore.json").toString();
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve("ec-p256-sec1.pem").toString(), "--statement",
                statementFile.toString(), "--bundle", bundle);
        assertThat(attest.exitCode()).as(attest.err()).isZero();
    }

    CliRun verify(String... expectations) {
        List<String> args = new ArrayList<>(List.of("verify-provenance", "--key", pub, "--bundle", bundle));
        args.addAll(List.of(expectations));
        args.add(artifact.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertOneLineFailure(CliRun run, int code, String check) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:").contains(check);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void printsWhatWasChecked() throws Exception {
        CliRun ok = verify("--source-uri", "github.com/acme/app", "--source-versioned-tag", "v1.4", "--builder-id",
                "https://github.com/acme/app/.github/workflows/release.yml", "--build-type", GitHubActionsDetector.BUILD_TYPE);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Verified OK: " + artifact, "builder     " + WORKFLOW, "source      https://github.com/acme/app",
                "ref         refs/tags/v1.4.2 at 0123456789abcdef0123456789abcdef01234567",
                "build type  " + GitHubActionsDetector.BUILD_TYPE, "checked     ref refs/tags/v1.4.2 (versioned tag v1.4)",
                "trusted key");

        CliRun json = verify("--source-uri", "https://github.com/acme/app.git", "--source-tag", "v1.4.2", "--json", "--print-provenance");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode node = JsonCodec.readTree(json.out().trim().getBytes(StandardCharsets.UTF_8), "output");
        assertThat(node.get("builderId").asText()).isEqualTo(WORKFLOW);
        assertThat(node.get("signerConsistencyChecked").asBoolean()).isFalse();
        assertThat(node.at("/statement/predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");

        CliRun printed = verify("--source-uri", "github.com/acme/app", "--print-provenance");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(JsonCodec.readTree(printed.out().getBytes(StandardCharsets.UTF_8), "stdout").at("/predicate/runDetails/builder/id")
                .asText()).isEqualTo(WORKFLOW);
        assertThat(printed.err()).contains("Verified OK");
    }

    @Test
    void eachUnmetExpectationFailsInOneLine() throws Exception {
        assertOneLineFailure(verify("--source-uri", "github.com/acme/other"), 1, "provenance source:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--source-tag", "v1.4.3"), 1, "provenance source ref:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--source-branch", "main"), 1, "provenance source ref:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--source-versioned-tag", "v2"), 1, "provenance source ref:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--builder-id", WORKFLOW.replace("v1.4.2", "v1.4.1")), 1,
                "provenance builder:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--build-type", "https://example.com/other"), 1,
                "provenance build type:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--build-workflow-input", "release=true"), 1,
                "provenance workflow inputs:");
        // the bundle's subjects are still checked first
        CliRun other = CliRun.of("verify-provenance", "--key", pub, "--bundle", bundle, "--source-uri", "github.com/acme/app",
                Files.writeString(dir.resolve("other.txt"), "not the subject\n").toString());
        assertOneLineFailure(other, 1, "subject");
    }

    @Test
    void usageErrorsExitTwo() {
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--source-tag", "v1", "--source-branch", "main"), 2, "at most one");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--source-versioned-tag", "1.4"), 2, "semantic version");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--builder-id", "a@b@c"), 2, "builder id");
        // a parse error adds picocli's "Try ... --help" line, as for every command
        CliRun missing = verify();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("provenant:").contains("--source-uri").doesNotContain("Exception");
        assertOneLineFailure(CliRun.of("verify-provenance", "--bundle", bundle, "--source-uri", "github.com/acme/app",
                artifact.toString()), 2, "--key");
        CliRun help = CliRun.of("verify-provenance", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: provenant verify-provenance", "Examples:", "--source-versioned-tag");
    }

    @Test
    void anUnusableTrustedBuildersFileIsAUsageError() throws Exception {
        Path noMode = Files.writeString(dir.resolve("no-mode.json"), "{\"version\": 1, \"builders\": []}");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--trusted-builders", noMode.toString()), 2, "mode");
        Path notJson = Files.writeString(dir.resolve("not-json.json"), "builders:");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--trusted-builders", notJson.toString()), 2, "not-json.json");
        Path tagged = Files.writeString(dir.resolve("tagged.json"), "{\"version\": 1, \"mode\": \"extend\", \"builders\": [{\"id\": "
                + "\"https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1\", \"kind\": \"generator\"}]}");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--trusted-builders", tagged.toString()), 2, "without @REF");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--trusted-builders", dir.resolve("absent.json").toString()),
                2, "absent.json");
        // bounded as every input file is: a file past the cap is refused, not read whole
        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"version\": 1, \"mode\": \"extend\", \"description\": \""
                + "x".repeat(300 << 10) + "\", \"builders\": []}");
        assertOneLineFailure(verify("--source-uri", "github.com/acme/app", "--trusted-builders", huge.toString()), 2,
                "is larger than the 256 KiB");
        // a well-formed file is accepted (a key-signed bundle has no certificate for it to judge)
        Path ok = Files.writeString(dir.resolve("ok.json"), "{\"version\": 1, \"mode\": \"replace\", \"builders\": []}");
        CliRun fine = verify("--source-uri", "github.com/acme/app", "--trusted-builders", ok.toString());
        assertThat(fine.exitCode()).as(fine.err()).isZero();
    }

    /** GitHub's own provenance, re-signed keyless by the conformance suite's beacon workflow. */
    CliRun real(String... expectations) {
        List<String> args = new ArrayList<>(List.of("verify-provenance", "--bundle",
                cases().resolve("happy-path-intoto-in-dsse-v3/bundle.sigstore.json").toString(), "--certificate-identity", BEACON,
                "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", "--trusted-root",
                PackagedCli.publicGoodRoot().toString()));
        args.addAll(List.of(expectations));
        args.add(cases().resolve("a.txt").toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void realGithubProvenanceIsCheckedAndTheBeaconIsNotItsBuilder() {
        String builder = "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml";
        // every expectation holds, but the certificate's workflow is not the provenance's builder
        CliRun right = real("--source-uri", "github.com/loosebazooka/aa-test", "--source-branch", "main", "--builder-id", builder,
                "--build-type", "https://actions.github.io/buildtypes/workflow/v1");
        assertOneLineFailure(right, 1, "provenance signer:");
        assertThat(right.err()).contains("is not the workflow that signed it");
        assertOneLineFailure(real("--source-uri", "github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"), 1,
                "provenance source:");
        assertOneLineFailure(real("--source-uri", "github.com/loosebazooka/aa-test", "--source-tag", "v1"), 1, "provenance source ref:");
        assertOneLineFailure(real("--source-uri", "github.com/loosebazooka/aa-test", "--builder-id", BEACON), 1, "provenance builder:");
    }

    @Test
    void withoutIdentityFlagsAnUntrustedSignerIsNamedForTheUser() {
        List<String> args = List.of("verify-provenance", "--bundle", cases().resolve("happy-path-intoto-in-dsse-v3/bundle.sigstore.json")
                .toString(), "--trusted-root", PackagedCli.publicGoodRoot().toString(), "--source-uri", "github.com/loosebazooka/aa-test",
                cases().resolve("a.txt").toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertOneLineFailure(run, 1, "provenance signer:");
        assertThat(run.err()).contains("not a trusted builder", "--builder-id " + BEACON.substring(0, BEACON.indexOf('@')));
    }
}
