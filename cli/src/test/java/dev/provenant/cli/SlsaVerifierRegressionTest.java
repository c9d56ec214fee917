package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.testing.SlsaVerifierVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * slsa-verifier's own regression vectors (aaf98fd7, {@code cli/slsa-verifier/testdata}) through
 * {@code verify-provenance} with no identity flags, each command line translated one to one from its
 * {@code main_regression_test.go}: {@code Test_runVerifyGHAArtifactPath} for the generic, delegator, Maven
 * and Gradle builders at v2.1.0, {@code Test_runVerifyGHAContainerBased} and
 * {@code Test_runVerifyGithubAttestation} (BCR). slsa-verifier's verdict is the expected one: no error
 * is exit 0, any error exit 1. Cases marked {@code noversion} there read vectors at the testdata root
 * (multi-subject, malicious builders, annotated tags, workflow inputs) that were not copied, so they are
 * not run here. Skipped (a JUnit assumption) when -Dprovenant.slsaVerifier is not given.
 */
class SlsaVerifierRegressionTest {
    static final String GENERATOR = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
    static final String GENERIC = GENERATOR + "generator_generic_slsa3.yml";
    static final String DELEGATED = "https://github.com/slsa-framework/example-trw/.github/workflows/builder_high-perms_slsa3.yml";
    static final String MAVEN = GENERATOR + "builder_maven_slsa3.yml";
    static final String GRADLE = GENERATOR + "builder_gradle_slsa3.yml";
    static final String CONTAINER_BASED = GENERATOR + "builder_container-based_slsa3.yml";
    static final String NOT_TRUSTED = GENERATOR + "not-trusted.yml";
    static final String SOURCE = "github.com/slsa-framework/example-package";

    /** One case of the Go table: the flags it sets and whether slsa-verifier accepts it. */
    record Case(String name, String artifact, String source, String branch, String tag, String versionedTag, String builderId,
            boolean ok) {
        static Case of(String name, String artifact, String source, boolean ok, String... flags) {
            String branch = null, tag = null, versioned = null, builder = null;
            for (int i = 0; i < flags.length; i += 2) {
                switch (flags[i]) {
                    case "branch" -> branch = flags[i + 1];
                    case "tag" -> tag = flags[i + 1];
                    case "versioned" -> versioned = flags[i + 1];
                    case "builder" -> builder = flags[i + 1];
                    default -> throw new IllegalArgumentException(flags[i]);
                }
            }
            return new Case(name, artifact, source, branch, tag, versioned, builder, ok);
        }
    }

    static final String WD = "binary-linux-amd64-workflow_dispatch";
    static final String V13 = "binary-linux-amd64-push-v13.0.30";
    static final String V14 = "binary-linux-amd64-push-v14";
    static final String V142 = "binary-linux-amd64-push-v14.2";

    /** Test_runVerifyGHAArtifactPath's cases that run on every builder version (not noversion). */
    static final List<Case> ARTIFACT_PATH = List.of(
            Case.of("valid main branch default", WD, SOURCE, true),
            Case.of("valid main branch default - invalid builderID", WD, SOURCE, false, "builder", NOT_TRUSTED),
            Case.of("valid main branch set", WD, SOURCE, true, "branch", "main"),
            Case.of("wrong branch master", WD, SOURCE, false, "branch", "master"),
            Case.of("branch master not verified", WD, SOURCE, true),
            Case.of("wrong source append A", WD, "github.com/laurentsimon/slsa-verifier-test-genA", false),
            Case.of("wrong source prepend A", WD, "github.com/laurentsimon/slsa-verifier-test-gen", false),
            Case.of("wrong source middle A", WD, "github.com/Alaurentsimon/slsa-verifier-test-gen", false),
            Case.of("tag no match empty tag workflow_dispatch", WD, SOURCE, false, "tag", "v1.2.3"),
            Case.of("versioned tag no match empty tag workflow_dispatch", WD, SOURCE, false, "versioned", "v1"),
            Case.of("tag v13.0.29 no match v13.0.30", V13, SOURCE, false, "tag", "v13.0.29"),
            Case.of("tag v13.0 no match v13.0.30", V13, SOURCE, false, "tag", "v13.0"),
            Case.of("tag v13 no match v13.0.30", V13, SOURCE, false, "tag", "v13"),
            Case.of("versioned v13.0.30 match push-v13.0.30", V13, SOURCE, true, "versioned", "v13.0.30"),
            Case.of("versioned v13.0 match push-v13.0.30", V13, SOURCE, true, "versioned", "v13.0"),
            Case.of("versioned v13 match push-v13.0.30", V13, SOURCE, true, "versioned", "v13"),
            Case.of("versioned v2 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v2"),
            Case.of("versioned v0 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v0"),
            Case.of("versioned v13.1 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v13.1"),
            Case.of("versioned v12.9 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v12.9"),
            Case.of("versioned v13.0.29 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v13.0.29"),
            Case.of("versioned v13.0.31 no match push-v13.0.30", V13, SOURCE, false, "versioned", "v13.0.31"),
            Case.of("versioned v14 match push-v14", V14, SOURCE, true, "versioned", "v14"),
            Case.of("versioned v14.0 match push-v14", V14, SOURCE, true, "versioned", "v14.0"),
            Case.of("versioned v14.1 no match push-v14", V14, SOURCE, false, "versioned", "v14.1"),
            Case.of("versioned v13 no match push-v14", V14, SOURCE, false, "versioned", "v13"),
            Case.of("versioned v15 no match push-v14", V14, SOURCE, false, "versioned", "v15"),
            Case.of("versioned v13.2 no match push-v14", V14, SOURCE, false, "versioned", "v13.2"),
            Case.of("versioned v15 no match push-v14 (listed twice there)", V14, SOURCE, false, "versioned", "v15"),
            Case.of("versioned v0 no match push-v14", V14, SOURCE, false, "versioned", "v0"),
            Case.of("versioned v14.2 match push-v14.2", V142, SOURCE, true, "versioned", "v14.2"),
            Case.of("versioned v14.2.1 match push-v14.2", V142, SOURCE, false, "versioned", "v14.2.1"),
            Case.of("versioned v14.2.3 match push-v14.2", V142, SOURCE, false, "versioned", "v14.2.3"),
            Case.of("versioned v14 match push-v14.2", V142, SOURCE, true, "versioned", "v14"),
            Case.of("versioned v14.1 no match push-v14.2", V142, SOURCE, false, "versioned", "v14.1"),
            Case.of("versioned v14.1.1 no match push-v14.2", V142, SOURCE, false, "versioned", "v14.1.1"),
            Case.of("versioned v14.3.1 no match push-v14.2", V142, SOURCE, false, "versioned", "v14.3.1"),
            Case.of("versioned v13 no match push-v14.2", V142, SOURCE, false, "versioned", "v13"),
            Case.of("versioned v15 no match push-v14.2", V142, SOURCE, false, "versioned", "v15"),
            Case.of("versioned v15.1 no match push-v14.2", V142, SOURCE, false, "versioned", "v15.1"));

    /** Test_runVerifyGHAContainerBased's cases. */
    static final List<Case> CONTAINER = List.of(
            Case.of("valid main branch default", WD, SOURCE, true),
            Case.of("versioned tag no match empty tag workflow_dispatch", WD, SOURCE, false, "versioned", "v1"),
            Case.of("tag no match empty tag workflow_dispatch", WD, SOURCE, false, "tag", "v1.2.3"),
            Case.of("wrong branch master", WD, SOURCE, false, "branch", "master"),
            Case.of("valid main branch set", WD, SOURCE, true, "branch", "main"),
            Case.of("valid main branch default - invalid builderID", WD, SOURCE, false, "builder", NOT_TRUSTED),
            Case.of("wrong source append A", WD, "github.com/slsa-framework/example-packageA", false),
            Case.of("wrong source prepend A", WD, "Agithub.com/slsa-framework/example-package", false),
            Case.of("wrong source middle A", WD, "github.com/Aslsa-framework/example-package", false));

    static CliRun run(Path provenance, Path artifact, Case c, String builderId) {
        List<String> args = new ArrayList<>(List.of("verify-provenance", "--bundle", provenance.toString(), "--source-uri", c.source()));
        if (builderId != null) {
            args.addAll(List.of("--builder-id", builderId));
        }
        if (c.branch() != null) {
            args.addAll(List.of("--source-branch", c.branch()));
        }
        if (c.tag() != null) {
            args.addAll(List.of("--source-tag", c.tag()));
        }
        if (c.versionedTag() != null) {
            args.addAll(List.of("--source-versioned-tag", c.versionedTag()));
        }
        args.add(artifact.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * The check that must fail, by the kind of error slsa-verifier gives: ErrorUntrustedReusableWorkflow or
     * ErrorMismatchBuilderID for the untrusted builder id (Provenant's builder.id check fails first), the
     * ref errors (ErrorMismatchBranch, ErrorMismatchTag, ErrorMismatchVersionedTag, ErrorInvalidRef) and
     * ErrorMismatchSource.
     */
    static String failedCheck(Case c) {
        if (NOT_TRUSTED.equals(c.builderId())) {
            return "provenance builder:";
        }
        if (c.branch() != null || c.tag() != null || c.versionedTag() != null) {
            return "provenance source ref:";
        }
        return "provenance source:";
    }

    static DynamicTest verdict(String label, Path dir, String provenanceSuffix, Case c, String builderId) {
        return verdict(label, dir, provenanceSuffix, c, builderId, failedCheck(c));
    }

    static DynamicTest verdict(String label, Path dir, String provenanceSuffix, Case c, String builderId, String check) {
        return DynamicTest.dynamicTest(label + ": " + c.name() + " [--builder-id " + builderId + "]", () -> {
            CliRun r = run(dir.resolve(c.artifact() + provenanceSuffix), dir.resolve(c.artifact()), c, builderId);
            assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(c.ok() ? 0 : 1);
            if (!c.ok()) {
                assertThat(r.err().strip()).as("one line naming the check").doesNotContain("\n").contains(check);
            }
        });
    }

    /** The builder ids slsa-verifier tries per builder: the name, none (not for the delegator), @vX and @refs/tags/vX. */
    static List<String> builderIds(String builder, boolean withNone, String version) {
        List<String> ids = new ArrayList<>();
        ids.add(builder);
        if (withNone) {
            ids.add(null);
        }
        ids.add(builder + "@" + version);
        ids.add(builder + "@refs/tags/" + version);
        return ids;
    }

    @TestFactory
    Stream<DynamicTest> artifactPathBuildersAtV210() {
        List<DynamicTest> tests = new ArrayList<>();
        String[][] builders = {{"gha_generic", GENERIC, ".intoto.jsonl"}, {"gha_delegator", DELEGATED, ".build.slsa"},
            {"gha_maven", MAVEN, ".build.slsa"}, {"gha_gradle", GRADLE, ".build.slsa"}};
        for (String[] b : builders) {
            Path dir = SlsaVerifierVectors.resolve(b[0] + "/v2.1.0");
            // slsa-verifier does not run the delegator without a builder id: its builder is not slsa-github-generator's
            List<String> ids = builderIds(b[1], !b[0].equals("gha_delegator"), "v2.1.0");
            for (Case c : ARTIFACT_PATH) {
                for (String id : c.builderId() != null ? List.of(c.builderId()) : ids) {
                    tests.add(verdict(b[0] + "/v2.1.0", dir, b[2], c, id));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> containerBasedBuilder() {
        Path dir = SlsaVerifierVectors.resolve("gha_container-based/v2.1.0");
        List<String> ids = Arrays.asList(CONTAINER_BASED + "@refs/tags/v2.1.0", CONTAINER_BASED, CONTAINER_BASED + "@v2.1.0", null);
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : CONTAINER) {
            for (String id : c.builderId() != null ? List.of(c.builderId()) : ids) {
                tests.add(verdict("gha_container-based/v2.1.0", dir, ".intoto.build.slsa", c, id));
            }
        }
        return tests.stream();
    }

    /**
     * Test_runVerifyGithubAttestation (BCR): GitHub attestations signed by the BCR workflows themselves,
     * which are not trusted builders, so only the builder named with --builder-id is accepted. Its
     * single-entry {@code .intoto.jsonl} files hold one bundle each and are read as one bundle, as
     * slsa-verifier reads them.
     */
    @TestFactory
    Stream<DynamicTest> bcrGithubAttestations() {
        Path dir = SlsaVerifierVectors.resolve("bcr");
        String releaser = "https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml";
        String publisher = "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml";
        String rules = "github.com/aspect-build/rules_lint";
        List<Case> cases = List.of(
                Case.of("module.bazel using publishing builder", "MODULE.bazel", rules, true, "builder", publisher),
                Case.of("source archive using release builder", "rules_lint-v1.3.1.tar.gz", rules, true, "builder", releaser),
                Case.of("module.bazel wrong signer", "MODULE-wrong-signer.bazel", rules, false, "builder", publisher),
                Case.of("module.bazel no builder id", "MODULE.bazel", rules, false),
                Case.of("source archive no builder id", "rules_lint-v1.3.1.tar.gz", rules, false));
        // slsa-verifier: ErrorUntrustedReusableWorkflow for each failing case, the signer here
        return cases.stream().map(c -> verdict("bcr", dir, ".intoto.jsonl", c, c.builderId(), "provenance signer:"));
    }
}
