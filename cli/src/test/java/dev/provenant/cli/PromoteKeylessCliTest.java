package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyless promotion gate: `promote --vsa-keyless` signs the stage's VSA as the job's OIDC identity on
 * the embedded Sigstore stack (its Rekor v1 log only, as on the public-good instance), and the next stage
 * accepts it by that stage's gate-identity; another identity's VSA, and a key-signed VSA, are refused.
 */
class PromoteKeylessCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String GATE = "build-gate@example.test";

    @TempDir
    static Path dir;

    static LocalSigstore stack;
    static Path signingConfig;

    @BeforeAll
    static void start() throws Exception {
        // Rekor v1 only: the public-good instance's shape
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(GATE), dev.provenant.localsigstore.RekorApis.V1);
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        signingConfig = stack.signingConfig();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static String policy(String gateIdentity) {
        return """
                apiVersion: provenant.dev/policy/v1
                name: keyless-gate
                stages:
                  - name: build
                    max-age: 1h
                    gate-identity:
                      subject: %s
                      issuer: %s
                    evidence:
                      - name: provenance
                        predicate-type: https://slsa.dev/provenance/v1
                        signers:
                          - public-key: builder.pub
                  - name: staging
                    requires-previous-stage-vsa: true
                """.formatted(gateIdentity, stack.oidcIssuer());
    }

    static Path case_(String name, String gateIdentity) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.copy(KEYS.resolve("ec-p256.pub"), d.resolve("builder.pub"));
        Files.writeString(d.resolve("policy.yaml"), policy(gateIdentity));
        Path artifact = Files.writeString(d.resolve("app.jar"), "artifact " + name);
        String finished = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Path predicate = Files.writeString(d.resolve("predicate.json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {}},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}, "metadata": {"finishedOn": "%s"}}}
                """.formatted(finished));
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve("ec-p256-sec1.pem").toString(), "--type",
                "https://slsa.dev/provenance/v1", "--predicate", predicate.toString(), "--bundle",
                d.resolve("provenance.sigstore.json").toString(), artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        return d;
    }

    static CliRun promoteBuild(Path d, String... extra) throws Exception {
        Path token = Files.writeString(d.resolve("token"), stack.mintToken());
        String[] base = {"promote", "--policy", d.resolve("policy.yaml").toString(), "--stage", "build",
            "--bundle", d.resolve("provenance.sigstore.json").toString(), "--trusted-root", stack.trustedRoot().toString(),
            "--vsa-keyless", "--identity-token", "@" + token, "--signing-config", signingConfig.toString(),
            "--vsa-output", d.resolve("build.vsa.json").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length + 1);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = d.resolve("app.jar").toString();
        return CliRun.of(args);
    }

    @Test
    void aKeylessGateSignsTheVsaAndTheNextStageAcceptsItByIdentity() throws Exception {
        Path d = case_("accepted", GATE);
        CliRun build = promoteBuild(d);
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.out()).contains("promoted to build; VSA written to");
        var vsa = dev.provenant.attest.json.JsonCodec.mapper().readTree(Files.readAllBytes(d.resolve("build.vsa.json")));
        assertThat(vsa.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText()).isEqualTo("dsse");

        CliRun staging = CliRun.of("promote", "--policy", d.resolve("policy.yaml").toString(), "--stage", "staging",
                "--bundle", d.resolve("build.vsa.json").toString(), "--trusted-root", stack.trustedRoot().toString(),
                d.resolve("app.jar").toString());
        assertThat(staging.exitCode()).as(staging.out() + staging.err()).isZero();
        assertThat(staging.out()).contains("signed by its gate identity");
    }

    @Test
    void verifyVsaAcceptsTheKeylessVsaByItsGateIdentityOnly() throws Exception {
        Path d = case_("verify-vsa", GATE);
        CliRun build = promoteBuild(d);
        assertThat(build.exitCode()).as(build.err()).isZero();
        var bundle = dev.provenant.attest.json.JsonCodec.mapper().readTree(Files.readAllBytes(d.resolve("build.vsa.json")));
        var statement = dev.provenant.attest.json.JsonCodec.mapper().readTree(
                java.util.Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").asText()));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(d.resolve("app.jar"))));
        java.util.function.Function<String, CliRun> verifyAs = identity -> CliRun.of("verify-vsa",
                "--attestation-path", d.resolve("build.vsa.json").toString(), "--trusted-root", stack.trustedRoot().toString(),
                "--certificate-identity", identity, "--certificate-oidc-issuer", stack.oidcIssuer(),
                "--subject-digest", "sha256:" + sha256, "--verifier-id", statement.at("/predicate/verifier/id").asText(),
                "--resource-uri", statement.at("/predicate/resourceUri").asText(), "--json");
        CliRun ok = verifyAs.apply(GATE);
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        var result = dev.provenant.attest.json.JsonCodec.mapper().readTree(ok.out());
        assertThat(result.at("/certificate/identity").asText()).isEqualTo(GATE);
        assertThat(result.path("checks").toString()).contains("\"identity\"", "tlog-inclusion-proof", "vsa-result");
        CliRun other = verifyAs.apply("someone-else@example.test");
        assertThat(other.exitCode()).as(other.err()).isEqualTo(1);
        assertThat(dev.provenant.attest.json.JsonCodec.mapper().readTree(other.out()).get("check").asText())
                .isEqualTo("identity");
    }

    @Test
    void aGateIdentityPatternMatchingOnlyPartOfTheIdentitySaysHowToFixIt() throws Exception {
        Path d = case_("partial-pattern", GATE);
        Files.writeString(d.resolve("policy.yaml"), policy(GATE).replace("subject: " + GATE, "subject-regexp: build-gate"));
        CliRun build = promoteBuild(d);
        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.err()).contains("is not the gate-identity of stage build")
                .contains("the pattern matches only part of the identity").contains("add .*$");
        assertThat(Files.exists(d.resolve("build.vsa.json"))).isFalse();
    }

    @Test
    void aVsaSignedByAnotherIdentityIsNeitherWrittenNorAccepted() throws Exception {
        Path d = case_("other-identity", "someone-else@example.test");
        CliRun build = promoteBuild(d);
        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.err()).contains("is not the gate-identity of stage build").contains("no VSA was written");
        assertThat(Files.exists(d.resolve("build.vsa.json"))).isFalse();
    }

    @Test
    void aKeySignedVsaIsRefusedForAKeylessGate() throws Exception {
        Path d = case_("key-signed", GATE);
        CliRun build = CliRun.of("promote", "--policy", d.resolve("policy.yaml").toString(), "--stage", "build",
                "--bundle", d.resolve("provenance.sigstore.json").toString(), "--vsa-key", KEYS.resolve("ec-p256-sec1.pem").toString(),
                "--vsa-output", d.resolve("build.vsa.json").toString(), d.resolve("app.jar").toString());
        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.err()).contains("declares a keyless gate-identity");
        assertThat(Files.exists(d.resolve("build.vsa.json"))).isFalse();
        // and both together are a usage error
        assertThat(promoteBuild(d, "--vsa-key", "k.pem").exitCode()).isEqualTo(2);
    }
}
