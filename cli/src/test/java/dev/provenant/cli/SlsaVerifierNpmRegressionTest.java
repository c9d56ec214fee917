package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.testing.SlsaVerifierVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * slsa-verifier's {@code Test_runVerifyNpmPackage} (cli/slsa-verifier/main_regression_test.go at aaf98fd7)
 * on its vectors {@code npm/gha}, through {@code verify-npm-package} with each case's flags translated
 * one to one: the tarball, {@code --attestations-path TARBALL.json}, {@code --source-uri}, and
 * {@code --builder-id}, {@code --package-name}, {@code --package-version} when the case sets them.
 * slsa-verifier's verdict is the expected one (no error: exit 0; an error: exit 1 naming the check that
 * corresponds to its error). Skipped when -Dprovenant.slsaVerifier is not given.
 */
class SlsaVerifierNpmRegressionTest {
    static final String HOSTED = "https://github.com/actions/runner/github-hosted";
    static final String SHORT = "https://github.com/actions/runner";
    static final String NODEJS = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml";

    /** slsa-verifier's errors, by the check that reports them here. */
    static final String OK = null;
    static final String BUILDER = "provenance builder:"; // ErrorInvalidBuilderID, ErrorNotSupported, ErrorMismatchBuilderID
    static final String SOURCE = "provenance source:"; // ErrorMismatchSource
    static final String PACKAGE = "npm package:"; // ErrorMismatchPackageName, ErrorMismatchPackageVersion
    static final String SIGNATURE = "signature:"; // ErrorInvalidSignature

    record Case(String name, String artifact, String source, String version, String pkg, String builder, String fails) {}

    static Case c(String name, String artifact, String source, String version, String pkg, String builder, String fails) {
        return new Case(name, artifact, source, version, pkg, builder, fails);
    }

    static final String SG = "supreme-googles-cli-v02-tag.tgz";
    static final String SG_SRC = "github.com/trishankatdatadog/supreme-goggles";
    static final String SG_PKG = "@trishankatdatadog/supreme-goggles";
    static final String GV = "gundam-visor-cli-v1-tag.tgz";
    static final String GV_SRC = "github.com/ramonpetgrave64/gundam-visor";
    static final String PT2 = "provenance-npm-test-cli-v02-prega.tgz";
    static final String PT_SRC = "github.com/laurentsimon/provenance-npm-test";
    static final String PT_PKG = "@laurentsimon/provenance-npm-test";
    static final String PT1 = "provenance-npm-test-cli-v1-prega.tgz";
    static final String JS_SRC = "github.com/sigstore/sigstore-js";
    static final String OSSF = "provenance-npm-test-ossf.tgz";

    /** The table, in its order: name, artifact, source, pkgVersion, pkgName, builderID, expected failure. */
    static final List<Case> CASES = List.of(
            // npm CLI with tag
            c("valid npm CLI builder", SG, SG_SRC, "1.0.5", SG_PKG, HOSTED, OK),
            c("valid npm CLI builder v1", GV, GV_SRC, "1.0.1", "gundam-visor", HOSTED, OK),
            c("valid npm CLI builder short runner name", SG, SG_SRC, "1.0.5", SG_PKG, SHORT, OK),
            c("valid npm CLI builder v1 short runner name", GV, GV_SRC, "1.0.1", "gundam-visor", SHORT, BUILDER),
            c("valid npm CLI builder no builder", SG, SG_SRC, "1.0.5", SG_PKG, null, BUILDER),
            c("valid npm CLI builder v1 no builder", GV, GV_SRC, "1.0.5", "gundam-visor", null, BUILDER),
            c("valid npm CLI builder mismatch builder", SG, SG_SRC, "1.0.5", SG_PKG, SHORT + "2", BUILDER),
            c("valid npm CLI builder v1 mismatch builder", GV, GV_SRC, "1.0.1", "gundam-visor", HOSTED + "2", BUILDER),
            c("valid npm CLI builder no package name", SG, SG_SRC, "1.0.5", null, HOSTED, OK),
            c("valid npm CLI builder v1 no package name", GV, GV_SRC, "1.0.1", null, HOSTED, OK),
            c("valid npm CLI builder no package version", SG, SG_SRC, null, SG_PKG, HOSTED, OK),
            c("valid npm CLI builder v1 no package version", GV, GV_SRC, null, "gundam-visor", HOSTED, OK),
            c("valid npm CLI builder mismatch source", SG, SG_SRC.replace("goggles", "goggleS"), "1.0.5", SG_PKG, HOSTED, SOURCE),
            c("valid npm CLI builder v1 mismatch source", GV, GV_SRC + "S", "1.0.1", "gundam-visor", HOSTED, SOURCE),
            c("valid npm CLI builder mismatch package version", SG, SG_SRC, "1.0.4", null, HOSTED, PACKAGE),
            c("valid npm CLI builder v1 mismatch package version", GV, GV_SRC, "1.0.2", "gundam-visor", HOSTED, PACKAGE),
            c("valid npm CLI builder mismatch package name", SG, SG_SRC, null, SG_PKG.replace("goggles", "goggleS"), HOSTED, PACKAGE),
            c("valid npm CLI builder v1 mismatch package name", GV, GV_SRC, "1.0.1", "gundam-visorS", HOSTED, PACKAGE),
            c("invalid signature provenance npm CLI", "supreme-googles-cli-v02-tag-invalidsigprov.tgz", SG_SRC, null, SG_PKG, HOSTED,
                    SIGNATURE),
            c("invalid signature provenance npm CLI v1", "gundam-visor-cli-v1-tag-invalidsigprov.tgz", GV_SRC, "1.0.1", "gundam-visor",
                    HOSTED, SIGNATURE),
            c("invalid signature publish npm CLI", "supreme-googles-cli-v02-tag-invalidsigpub.tgz", SG_SRC, null, SG_PKG, HOSTED,
                    SIGNATURE),
            c("invalid signature publish npm CLI v1", "gundam-visor-cli-v1-tag-invalidsigpub.tgz", GV_SRC, "1.0.1", "gundam-visor",
                    HOSTED, SIGNATURE),
            // npm CLI with main branch
            c("valid npm CLI builder (main)", PT2, PT_SRC, "1.0.3", PT_PKG, HOSTED, OK),
            c("valid npm CLI builder v1 (main)", PT1, JS_SRC, "2.3.1", "sigstore", HOSTED, OK),
            c("valid npm CLI builder short runner name (main)", PT2, PT_SRC, "1.0.3", PT_PKG, SHORT, OK),
            c("valid npm CLI builder v1 short runner name (main)", PT1, JS_SRC, "2.3.1", "sigstore", SHORT, BUILDER),
            c("valid npm CLI builder no builder (main)", PT2, PT_SRC, "1.0.3", PT_PKG, null, BUILDER),
            c("valid npm CLI builder v1 no builder (main)", PT1, JS_SRC, "2.3.1", "sigstore", null, BUILDER),
            c("valid npm CLI builder mismatch builder (main)", PT2, PT_SRC, "1.0.3", PT_PKG, SHORT + "2", BUILDER),
            c("valid npm CLI builder v1 mismatch builder (main)", PT1, JS_SRC, "2.3.1", "sigstore", HOSTED + "2", BUILDER),
            c("valid npm CLI builder no package name (main)", PT2, PT_SRC, "1.0.3", null, HOSTED, OK),
            c("valid npm CLI builder v1 no package name (main)", PT1, JS_SRC, "2.3.1", null, HOSTED, OK),
            c("valid npm CLI builder no package version (main)", PT2, PT_SRC, null, PT_PKG, HOSTED, OK),
            c("valid npm CLI builder v1 no package version (main)", PT1, JS_SRC, null, "sigstore", HOSTED, OK),
            c("valid npm CLI builder mismatch source (main)", PT2, PT_SRC + "2", null, null, HOSTED, SOURCE),
            c("valid npm CLI builder v1 mismatch source (main)", PT1, JS_SRC + "2", null, "sigstore", HOSTED, SOURCE),
            c("valid npm CLI builder mismatch package version (main)", PT2, PT_SRC, "1.0.4", null, HOSTED, PACKAGE),
            c("valid npm CLI builder v1 mismatch package version (main)", PT1, JS_SRC, "2.3.2", null, HOSTED, PACKAGE),
            c("valid npm CLI builder mismatch package name (main)", PT2, PT_SRC, null, PT_PKG + "2", HOSTED, PACKAGE),
            c("valid npm CLI builder v1 mismatch package name (main)", PT1, JS_SRC, null, "sigstore2", HOSTED, PACKAGE),
            c("invalid signature provenance npm CLI (main)", "provenance-npm-test-cli-v02-prega-invalidsigprov.tgz", PT_SRC, null, PT_PKG,
                    HOSTED, SIGNATURE),
            c("invalid signature provenance npm CLI v1 (main)", "provenance-npm-test-cli-v1-prega-invalidsigprov.tgz", JS_SRC, null,
                    "sigstore", HOSTED, SIGNATURE),
            c("invalid signature publish npm CLI (main)", "provenance-npm-test-cli-v02-prega-invalidsigpub.tgz", PT_SRC, null, PT_PKG,
                    HOSTED, SIGNATURE),
            c("invalid signature publish npm CLI v1 (main)", "provenance-npm-test-cli-v1-prega-invalidsigpub.tgz", JS_SRC, null,
                    "sigstore", HOSTED, SIGNATURE),
            // OSSF builder (slsa-github-generator's Node.js builder through the BYOB delegator)
            c("valid npm OSSF builder", OSSF, PT_SRC, "1.0.5", PT_PKG, NODEJS, OK),
            c("valid npm OSSF builder no builder", OSSF, PT_SRC, "1.0.5", PT_PKG, null, BUILDER),
            c("valid npm OSSF builder mismatch builder", OSSF, PT_SRC, "1.0.5", PT_PKG, NODEJS.replace("slsa3.yml", "slsa.yml"), BUILDER),
            c("valid npm OSSF builder no package name", OSSF, PT_SRC, "1.0.5", null, NODEJS, OK),
            c("valid npm OSSF builder no package version", OSSF, PT_SRC, null, PT_PKG, NODEJS, OK),
            c("valid npm OSSF builder mismatch package name", OSSF, PT_SRC, "1.0.5", PT_PKG + "2", NODEJS, PACKAGE),
            c("valid npm OSSF builder mismatch package version", OSSF, PT_SRC, "1.0.6", PT_PKG, NODEJS, PACKAGE),
            c("valid npm OSSF builder mismatch mismatch source", OSSF, PT_SRC + "2", "1.0.5", PT_PKG, NODEJS, SOURCE),
            c("invalid signature provenance npm OSSF builder", "provenance-npm-test-ossf-invalidsigprov.tgz", PT_SRC, "1.0.5", PT_PKG,
                    NODEJS, SIGNATURE),
            c("invalid signature publish npm OSSF builder", "provenance-npm-test-ossf-invalidsigpub.tgz", PT_SRC, "1.0.5", PT_PKG,
                    NODEJS, SIGNATURE));

    static CliRun run(Path dir, Case c) {
        Path tarball = dir.resolve(c.artifact());
        List<String> args = new ArrayList<>(List.of("verify-npm-package", "--attestations-path", tarball + ".json",
                "--source-uri", c.source()));
        if (c.builder() != null) {
            args.addAll(List.of("--builder-id", c.builder()));
        }
        if (c.pkg() != null) {
            args.addAll(List.of("--package-name", c.pkg()));
        }
        if (c.version() != null) {
            args.addAll(List.of("--package-version", c.version()));
        }
        args.add(tarball.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> npmPackages() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (" + c.artifact() + ")", () -> {
            CliRun r = run(SlsaVerifierVectors.resolve("npm/gha"), c);
            assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(c.fails() == null ? 0 : 1);
            if (c.fails() != null) {
                assertThat(r.err().strip()).as("one line naming the check").doesNotContain("\n").contains(c.fails());
            }
        }));
    }
}
