package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    /** The conformance suite's cases; skips the calling test when the suite was not given. */
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }

    @TempDir
    Path dir;

    Path artifact;
    Path passFile;
    String key;
    String pub;

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact content");
        passFile = Files.writeString(dir.resolve("pass"), "cli-test-pass\n");
        key = KEYS.resolve("ec-p256-sec1.pem").toString();
        pub = KEYS.resolve("ec-p256.pub").toString();
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.readTree(run.out().trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    private static void assertOneLineFailure(CliRun run, int code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void verifyFindsABundleUnderTheMavenPluginsOwnNameToo() throws Exception {
        String own = artifact + ".provenant-bundle.json";
        CliRun sign = CliRun.of("sign", "--key", key, "--bundle", own, artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        CliRun verify = CliRun.of("verify", "--key", pub, artifact.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        // the public-good name wins when both are there
        Files.writeString(Path.of(artifact + ".sigstore.json"), "{}");
        assertThat(CliRun.of("verify", "--key", pub, artifact.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void aMistypedCommandSuggestsTheClosestOnes() {
        CliRun typo = CliRun.of("sgin", "--key", "k", "a.jar");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("'sgin' is not a provenant command. Did you mean: provenant sign?");
        assertThat(CliRun.of("verify-atestation").err()).contains("Did you mean: provenant verify-attestation?");
        assertThat(CliRun.of("promot").err()).contains("Did you mean: provenant promote?");
        assertThat(CliRun.of("zzzz").err()).contains("'zzzz' is not a provenant command.").doesNotContain("Did you mean");
        assertThat(FailureReporter.editDistance("sgin", "sign")).isEqualTo(1);
        assertThat(FailureReporter.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void theTopLevelHelpSummarisesEveryCommandInWholeSentences() {
        assertThat(ProvenantCommand.SUMMARIES.keySet()).containsExactlyInAnyOrderElementsOf(ProvenantCommand.SUBCOMMANDS);
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Exit codes:"));
        for (String name : ProvenantCommand.SUBCOMMANDS) {
            assertThat(commands).contains("  " + name + " ");
        }
        // every summary ends its sentence, however the lines are wrapped
        String joined = commands.replaceAll("\\s*\\R\\s+", " ");
        for (String summary : ProvenantCommand.SUMMARIES.values()) {
            assertThat(summary).endsWith(".");
            assertThat(joined).contains(summary);
        }
    }

    @Test
    void keygenSignVerifyTamperStory() throws Exception {
        String prefix = dir.resolve("release").toString();
        CliRun keygen = CliRun.of("keygen", "--output-prefix", prefix, "--password-file", passFile.toString(), "--json");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(json(keygen).get("encrypted").asBoolean()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(prefix + ".key")))).isEqualTo("rw-------");

        CliRun sign = CliRun.of("sign", "--key", prefix + ".key", "--password-file", passFile.toString(), artifact.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(Path.of(artifact + ".sigstore.json")).exists();

        CliRun verify = CliRun.of("verify", "--key", prefix + ".pub", artifact.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Verified OK");

        CliRun verifyJson = CliRun.of("verify", "--key", prefix + ".pub", "--json", artifact.toString());
        JsonNode result = json(verifyJson);
        assertThat(result.get("verified").asBoolean()).isTrue();
        assertThat(result.get("checks").toString()).contains("signature", "artifact-digest");

        Files.writeString(artifact, "artifact content, tampered");
        CliRun tampered = CliRun.of("verify", "--key", prefix + ".pub", artifact.toString());
        assertOneLineFailure(tampered, 1);
        assertThat(tampered.err()).contains("artifact digest");
        CliRun tamperedJson = CliRun.of("verify", "--key", prefix + ".pub", "--json", artifact.toString());
        assertThat(json(tamperedJson).get("check").asText()).isEqualTo("artifact-digest");
        assertThat(tamperedJson.exitCode()).isEqualTo(1);
    }

    @Test
    void attestAndVerifyAttestation() throws Exception {
        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\":\"pass\"}");
        String bundle = dir.resolve("att.json").toString();
        CliRun attest = CliRun.of("attest", "--key", key, "--type", "https://example.com/test/v1", "--predicate",
                predicate.toString(), "--bundle", bundle, artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        CliRun ok = CliRun.of("verify-attestation", "--key", pub, "--bundle", bundle, "--type", "https://example.com/test/v1",
                "--json", "--print-statement", artifact.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(json(ok).at("/statement/predicate/result").asText()).isEqualTo("pass");
        assertOneLineFailure(CliRun.of("verify-attestation", "--key", pub, "--bundle", bundle, "--type",
                "https://slsa.dev/provenance/v1", artifact.toString()), 1);
        assertOneLineFailure(CliRun.of("verify-attestation", "--key", KEYS.resolve("ec-p384.pub").toString(), "--bundle", bundle,
                artifact.toString()), 1);
        Path other = Files.writeString(dir.resolve("other.bin"), "not a subject");
        CliRun notSubject = CliRun.of("verify-attestation", "--key", pub, "--bundle", bundle, other.toString());
        assertOneLineFailure(notSubject, 1);
        assertThat(notSubject.err()).contains("subject");
        // verify also accepts attestation bundles, with the artifact as a subject
        assertThat(CliRun.of("verify", "--key", pub, "--bundle", bundle, artifact.toString()).exitCode()).isZero();
    }

    @Test
    void signAndVerifyADigest() throws Exception {
        String digest = CliRun.of("digest", artifact.toString()).out().split(" ")[0];
        String bundle = dir.resolve("d.json").toString();
        assertThat(CliRun.of("sign", "--key", key, "--bundle", bundle, "sha256:" + digest).exitCode()).isZero();
        assertThat(CliRun.of("verify", "--key", pub, "--bundle", bundle, "sha256:" + digest).exitCode()).isZero();
        assertThat(CliRun.of("verify", "--key", pub, "--bundle", bundle, artifact.toString()).exitCode()).isZero();
        assertOneLineFailure(CliRun.of("verify", "--key", pub, "--bundle", bundle, "sha256:" + "ab".repeat(32)), 1);
    }

    @Test
    void digestPrintsSha256sumLines() throws Exception {
        CliRun run = CliRun.of("digest", artifact.toString());
        String hex = run.out().substring(0, 64);
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        assertThat(hex).isEqualTo(java.util.HexFormat.of().formatHex(expected));
        assertThat(run.out()).isEqualTo(hex + "  " + artifact + "\n");
        assertThat(json(CliRun.of("digest", "--json", "--algorithm", "sha512", artifact.toString())).at("/digests/0/sha512").asText())
                .hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "unknown-media-type", "bad-base64", "missing-fields", "garbage"})
    void malformedBundlesAreRejectedInOneLine(String kind) throws Exception {
        String bundle = dir.resolve("b.json").toString();
        assertThat(CliRun.of("sign", "--key", key, "--bundle", bundle, artifact.toString()).exitCode()).isZero();
        String good = Files.readString(Path.of(bundle));
        byte[] bad = switch (kind) {
            case "truncated" -> good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8);
            case "unknown-media-type" -> good.replace("bundle.v0.3+json", "bundle.v9.9+json").getBytes(StandardCharsets.UTF_8);
            case "bad-base64" -> good.replaceFirst("\"signature\":\"", "\"signature\":\"!!").getBytes(StandardCharsets.UTF_8);
            case "missing-fields" -> good.replaceFirst("\"verificationMaterial\"", "\"verificationMaterialX\"").getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] garbage = new byte[1024 * 1024];
                new Random(3).nextBytes(garbage);
                yield garbage;
            }
        };
        Files.write(Path.of(bundle), bad);
        CliRun run = CliRun.of("verify", "--key", pub, "--bundle", bundle, artifact.toString());
        assertOneLineFailure(run, 1);
        assertThat(run.err()).contains("bundle");
    }

    @Test
    void aBundleFileAboveItsCapIsUnreadableInputNamingFileAndCap() throws Exception {
        Path bundle = dir.resolve("big.json");
        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(3).nextBytes(garbage);
        Files.write(bundle, garbage);
        CliRun run = CliRun.of("verify", "--key", pub, "--bundle", bundle.toString(), artifact.toString());
        assertOneLineFailure(run, 2);
        assertThat(run.err()).contains("bundle " + bundle + " is larger than the 8 MiB a bundle may have");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertOneLineFailureOrUsage(CliRun.of("verify", "--key", pub, "--bundle", dir.resolve("none.json").toString(), artifact.toString()));
        assertOneLineFailureOrUsage(CliRun.of("verify", "--key", dir.resolve("none.pub").toString(), artifact.toString()));
        assertOneLineFailureOrUsage(CliRun.of("sign", "--key", dir.resolve("none.key").toString(), artifact.toString()));
        assertOneLineFailureOrUsage(CliRun.of("sign", "--key", key, dir.resolve("missing.bin").toString()));
        assertOneLineFailureOrUsage(CliRun.of("digest", dir.resolve("missing.bin").toString()));
        assertThat(CliRun.of("verify", "--no-such-flag").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("sign").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("keygen", "--type", "dsa", "--output-prefix", dir.resolve("x").toString(), "--no-password").exitCode())
                .isEqualTo(2);
        // an encrypted key without its passphrase, and with a wrong one
        assertOneLineFailureOrUsage(CliRun.of("sign", "--key", KEYS.resolve("ec-p256-pkcs8-encrypted.pem").toString(), artifact.toString()));
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope-not-it");
        CliRun wrongPass = CliRun.of("sign", "--key", KEYS.resolve("ec-p256-pkcs8-encrypted.pem").toString(), "--password-file",
                wrong.toString(), artifact.toString());
        assertOneLineFailureOrUsage(wrongPass);
        assertThat(wrongPass.err()).doesNotContain("nope-not-it");
        assertThat(Path.of(artifact + ".sigstore.json")).doesNotExist();
    }

    private static void assertOneLineFailureOrUsage(CliRun run) {
        assertOneLineFailure(run, 2);
    }

    @Test
    void keygenRefusesToOverwriteAndNeedsAPassphraseOrExplicitNone() throws Exception {
        String prefix = dir.resolve("k").toString();
        CliRun none = CliRun.of("keygen", "--output-prefix", prefix);
        assertOneLineFailure(none, 2);
        assertThat(none.err()).contains("--no-password");
        assertThat(Path.of(prefix + ".key")).doesNotExist();
        assertThat(CliRun.of("keygen", "--output-prefix", prefix, "--no-password").exitCode()).isZero();
        byte[] first = Files.readAllBytes(Path.of(prefix + ".key"));
        assertOneLineFailure(CliRun.of("keygen", "--output-prefix", prefix, "--no-password"), 2);
        assertThat(Files.readAllBytes(Path.of(prefix + ".key"))).isEqualTo(first);
        assertThat(CliRun.of("public-key", "--key", prefix + ".key").out()).isEqualTo(Files.readString(Path.of(prefix + ".pub")));
    }

    @Test
    void localSigstoreRefusesABadIdentityOrPortBeforeStartingAnything() {
        Path home = dir.resolve("stack");
        assertOneLineFailure(CliRun.of("local-sigstore", "--dir", home.toString(), "--identity", "not an identity"), 2);
        assertOneLineFailure(CliRun.of("local-sigstore", "--dir", home.toString(), "--port", "70000"), 2);
        assertThat(home).doesNotExist();
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"keygen", "public-key", "digest", "sign", "attest", "verify", "verify-attestation", "verify-provenance", "verify-vsa",
            "trust", "self-test", "provenance", "local-sigstore"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).as(command).contains("Usage: provenant " + command).contains("Examples:");
        }
        assertThat(CliRun.of("--help").out()).contains("Exit codes:");
        assertThat(CliRun.of("generate-completion").out()).contains("complete -F");
        assertThat(CliRun.of("version").out()).startsWith("provenant ");
    }

    @Test
    void keylessBundlesVerifyByIdentityAndExplainWhatWasChecked() throws Exception {
        Path c = cases().resolve("happy-path-v0.3");
        String identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
                + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
        String issuer = "https://token.actions.githubusercontent.com";
        String root = PackagedCli.publicGoodRoot().toString();
        CliRun ok = CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", issuer, "--trusted-root", root, cases().resolve("a.txt").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("signed by   " + identity, "issuer      " + issuer, "SCT(s) verified", "tlog ",
                "trust root  trusted root " + root);
        CliRun json = CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--certificate-identity-regexp",
                "https://github\\.com/sigstore-conformance/.*", "--certificate-oidc-issuer", issuer, "--json",
                cases().resolve("a.txt").toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json(json).at("/certificate/identity").asText()).isEqualTo(identity);
        assertThat(json(json).get("trustedRoot").asText()).contains("public-good");

        CliRun wrong = CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--certificate-identity",
                identity + "x", "--certificate-oidc-issuer", issuer, cases().resolve("a.txt").toString());
        assertOneLineFailure(wrong, 1);
        assertThat(wrong.err()).contains("certificate identity");
        CliRun claim = CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--certificate-identity",
                identity, "--certificate-oidc-issuer", issuer, "--certificate-github-workflow-repository", "someone/else",
                cases().resolve("a.txt").toString());
        assertOneLineFailure(claim, 1);
        assertThat(claim.err()).contains("repository");
        // no policy, half a policy, or both kinds of trust are usage errors
        assertOneLineFailure(CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(),
                cases().resolve("a.txt").toString()), 2);
        assertOneLineFailure(CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(),
                "--certificate-identity", identity, cases().resolve("a.txt").toString()), 2);
        assertOneLineFailure(CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--key", pub,
                "--certificate-identity", identity, "--certificate-oidc-issuer", issuer, cases().resolve("a.txt").toString()), 2);
    }

    @Test
    void trustShowSaysWhichRootIsUsed() throws Exception {
        CliRun show = CliRun.of("trust", "show", "--json");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(json(show).get("tlogs").toString()).contains("rekor.sigstore.dev");
        String other = cases().resolve("managed-key-and-trusted-root/trusted_root.json").toString();
        CliRun explicit = CliRun.of("trust", "show", "--trusted-root", other);
        assertThat(explicit.out()).contains("Trusted root: trusted root " + other, "rekor.sigstage.dev");
        Path broken = Files.writeString(dir.resolve("root.json"), "{\"mediaType\":\"x\"}");
        assertOneLineFailure(CliRun.of("verify", "--key", pub, "--trusted-root", broken.toString(), artifact.toString()), 2);
    }

    @Test
    void provenanceIsGeneratedSignedAndVerifiable() throws Exception {
        Path second = Files.writeString(dir.resolve("lib.jar"), "library");
        String out = dir.resolve("prov.json").toString();
        CliRun unsigned = CliRun.of("provenance", "--output", out, "--json", artifact.toString(), second.toString());
        assertThat(unsigned.exitCode()).as(unsigned.err()).isZero();
        JsonNode statement = JsonCodec.readTree(Files.readAllBytes(Path.of(out)), "statement");
        assertThat(dev.provenant.attest.slsa.ProvenanceRules.violations(statement)).isEmpty();
        assertThat(statement.get("subject")).hasSize(2);
        assertThat(json(unsigned).get("subjects").asInt()).isEqualTo(2);

        String bundle = dir.resolve("prov.sigstore.json").toString();
        CliRun signed = CliRun.of("provenance", "--key", key, "--output", bundle, "--resolved-dependency",
                "uri=pkg:maven/org.example/lib@1.0,digest=sha256:" + "ab".repeat(32), artifact.toString());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        CliRun verified = CliRun.of("verify-attestation", "--key", pub, "--bundle", bundle, "--type", "https://slsa.dev/provenance/v1",
                "--print-statement", "--json", artifact.toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(json(verified).at("/statement/predicate/buildDefinition/resolvedDependencies").toString())
                .contains("pkg:maven/org.example/lib@1.0");

        Path sums = Files.writeString(dir.resolve("SUMS"), CliRun.of("digest", artifact.toString()).out());
        CliRun fromSums = CliRun.of("provenance", "--subjects-from", sums.toString());
        assertThat(fromSums.exitCode()).as(fromSums.err()).isZero();
        assertThat(fromSums.out()).contains(artifact.toString());
        CliRun glob = CliRun.of("provenance", dir.resolve("*.jar").toString());
        assertThat(glob.exitCode()).as(glob.err()).isZero();
        assertThat(JsonCodec.readTree(glob.out().getBytes(StandardCharsets.UTF_8), "s").get("subject")).hasSize(2);

        assertOneLineFailure(CliRun.of("provenance"), 2);
        assertOneLineFailure(CliRun.of("provenance", dir.resolve("none-*.zip").toString()), 2);
        assertOneLineFailure(CliRun.of("provenance", "--resolved-dependency", "nonsense", artifact.toString()), 2);
    }

    @Test
    void selfTestPasses() {
        CliRun run = CliRun.of("self-test");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("self-test: OK");
    }

    @Test
    void conformanceKeyBundlesVerifyThroughTheCli() {
        Path c = cases().resolve("managed-key-happy-path");
        CliRun ok = CliRun.of("verify", "--bundle", c.resolve("bundle.sigstore.json").toString(), "--key",
                c.resolve("key.pub").toString(), "--require-tlog", "--json", cases().resolve("a.txt").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("\"signedEntryTimestamp\":true");
        Path wrong = cases().resolve("managed-key-wrong-key_fail");
        assertOneLineFailure(CliRun.of("verify", "--bundle", wrong.resolve("bundle.sigstore.json").toString(), "--key",
                wrong.resolve("key.pub").toString(), cases().resolve("a.txt").toString()), 1);
    }
}
