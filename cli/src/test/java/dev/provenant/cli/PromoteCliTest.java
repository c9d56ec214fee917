package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `provenant policy check` and `provenant promote` in process, on bundles made by `provenant attest`
 * with testdata keys: exit codes, one-line errors, and a VSA written only on success that
 * verify-attestation accepts and the next stage requires.
 */
class PromoteCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String VSA = "https://slsa.dev/verification_summary/v1";

    @TempDir
    Path dir;

    String artifact;
    String policy;

    static final String POLICY = """
            apiVersion: provenant.dev/policy/v1
            name: cli-test
            stages:
              - name: build
                max-age: 1h
                gate-key:
                  public-key: keys/build-gate.pub
                verified-levels: [SLSA_BUILD_LEVEL_1]
                evidence:
                  - name: provenance
                    predicate-type: https://slsa.dev/provenance/v1
                    signers:
                      - public-key: keys/builder.pub
              - name: staging
                requires-previous-stage-vsa: true
            """;

    @BeforeEach
    void setUp() throws Exception {
        artifact = Files.writeString(dir.resolve("app.jar"), "artifact content").toString();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.copy(KEYS.resolve("ec-p256.pub"), keys.resolve("builder.pub"));
        Files.copy(KEYS.resolve("rsa-3072.pub"), keys.resolve("build-gate.pub"));
        policy = Files.writeString(dir.resolve("policy.yaml"), POLICY).toString();
    }

    /** A minimal SLSA v1 predicate finished a minute ago, signed by `provenant attest` with {@code key}. */
    String provenance(String key, String name) throws Exception {
        String finished = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Path predicate = Files.writeString(dir.resolve(name + ".predicate.json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {}},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}, "metadata": {"finishedOn": "%s"}}}
                """.formatted(finished));
        String bundle = dir.resolve(name).toString();
        CliRun run = CliRun.of("attest", "--key", KEYS.resolve(key).toString(), "--type", "https://slsa.dev/provenance/v1",
                "--predicate", predicate.toString(), "--bundle", bundle, artifact);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return bundle;
    }

    @Test
    void checkCleanPolicy() {
        CliRun run = CliRun.of("policy", "check", policy);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("OK: policy cli-test, stages build -> staging");
    }

    @Test
    void checkReportsEachProblemOnOneLineAndExitsOne() throws Exception {
        Files.writeString(Path.of(policy), POLICY.replace("requires-previous-stage-vsa: true", "requires-previous-stage-vsa: qa")
                .replace("max-age: 1h", "max-age: 1h\n    requires-previous-stage-vsa: true"));
        CliRun run = CliRun.of("policy", "check", policy);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).containsExactly(
                policy + ":6: $.stages[0].requires-previous-stage-vsa: stage 'build' is the first stage: there is no previous stage"
                        + " whose VSA it could require",
                policy + ":16: $.stages[1].requires-previous-stage-vsa: unknown stage 'qa' (stages: build, staging)");
        CliRun json = CliRun.of("policy", "check", "--json", policy);
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(JsonCodec.mapper().readTree(json.out()).path("problems")).hasSize(2);
    }

    @Test
    void malformedPolicyIsOneLineAndExitTwo() throws Exception {
        Files.writeString(Path.of(policy), "apiVersion: provenant.dev/policy/v1\nstages: [\n  {name: build\n");
        for (CliRun run : new CliRun[] {CliRun.of("policy", "check", policy),
            CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", provenance("ec-p256-sec1.pem", "p.json"), artifact)}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString()
                    .startsWith("provenant: policy: " + policy + ":3: $: not valid YAML: while parsing a flow mapping: expected ',' or '}'");
        }
        assertThat(CliRun.of("policy", "check", dir.resolve("missing.yaml").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void promotionWritesAVsaThatVerifiesAndAdmitsTheNextStage() throws Exception {
        String vsa = dir.resolve("build.vsa.json").toString();
        CliRun build = CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", provenance("ec-p256-sec1.pem", "p.json"),
                "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(), "--vsa-output", vsa, artifact);
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        assertThat(build.out()).contains("  PASS provenance.signers: ", "  PASS provenance.max-age: ", "VSA written to " + vsa);

        CliRun verified = CliRun.of("verify-attestation", "--key", KEYS.resolve("rsa-3072.pub").toString(), "--bundle", vsa,
                "--type", VSA, artifact);
        assertThat(verified.exitCode()).as(verified.err()).isZero();

        // slsa-verifier's verify-vsa flags read promote's own VSA, signed with an RSA key in a bundle
        JsonNode statement = JsonCodec.mapper().readTree(java.util.Base64.getDecoder().decode(
                JsonCodec.mapper().readTree(Files.readAllBytes(Path.of(vsa))).at("/dsseEnvelope/payload").asText()));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Path.of(artifact))));
        CliRun vsaVerified = CliRun.of("verify-vsa", "--attestation-path", vsa, "--public-key-path", KEYS.resolve("rsa-3072.pub").toString(),
                "--subject-digest", "sha256:" + sha256, "--verifier-id", statement.at("/predicate/verifier/id").asText(),
                "--resource-uri", statement.at("/predicate/resourceUri").asText());
        assertThat(vsaVerified.exitCode()).as(vsaVerified.err()).isZero();
        assertThat(vsaVerified.out()).contains("VSA verification result");
        CliRun otherVerifier = CliRun.of("verify-vsa", "--attestation-path", vsa, "--public-key-path", KEYS.resolve("rsa-3072.pub").toString(),
                "--subject-digest", "sha256:" + sha256, "--verifier-id", "https://someone.else.example",
                "--resource-uri", statement.at("/predicate/resourceUri").asText());
        assertThat(otherVerifier.exitCode()).isEqualTo(1);
        assertThat(otherVerifier.err()).contains("VSA verifier:");

        CliRun staging = CliRun.of("promote", "--policy", policy, "--stage", "staging", "--bundle", vsa, "--json", artifact);
        assertThat(staging.exitCode()).as(staging.out() + staging.err()).isZero();
        JsonNode json = JsonCodec.mapper().readTree(staging.out());
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("rules").get(0).path("rule").asText()).isEqualTo("previous-stage-vsa");
    }

    @Test
    void refusedPromotionExitsOneAndWritesNoVsa() throws Exception {
        String vsa = dir.resolve("build.vsa.json").toString();
        CliRun run = CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", provenance("ec-p384-sec1.pem", "p.json"),
                "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(), "--vsa-output", vsa, artifact);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  FAIL provenance.signers: 0 of 1 required signer(s)", "  SKIPPED provenance.predicate-type");
        assertThat(run.err().lines()).singleElement().asString().startsWith("provenant: promotion to build refused: FAIL provenance.signers:");
        assertThat(Path.of(vsa)).doesNotExist();
        assertThat(dir.toFile().list()).noneMatch(n -> n.contains(".tmp"));
    }

    @Test
    void tamperedVsaIsRefusedByTheNextStage() throws Exception {
        String vsa = dir.resolve("build.vsa.json").toString();
        assertThat(CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", provenance("ec-p256-sec1.pem", "p.json"),
                "--vsa-key", KEYS.resolve("rsa-3072-pkcs8.pem").toString(), "--vsa-output", vsa, artifact).exitCode()).isZero();
        ObjectNode bundle = (ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(Path.of(vsa)));
        ObjectNode envelope = (ObjectNode) bundle.path("dsseEnvelope");
        ObjectNode statement = (ObjectNode) JsonCodec.mapper().readTree(java.util.Base64.getDecoder().decode(envelope.path("payload").asText()));
        ((ObjectNode) statement.path("predicate")).put("verificationResult", "PASSED").putArray("verifiedLevels").add("SLSA_BUILD_LEVEL_3");
        envelope.put("payload", java.util.Base64.getEncoder().encodeToString(JsonCodec.write(statement)));
        Files.write(Path.of(vsa), JsonCodec.write(bundle));

        CliRun run = CliRun.of("promote", "--policy", policy, "--stage", "staging", "--bundle", vsa, artifact);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL previous-stage-vsa: no VSA of stage build", "signature");
    }

    @Test
    void wrongGateKeyIsAUsageErrorAndWritesNothing() throws Exception {
        String vsa = dir.resolve("build.vsa.json").toString();
        CliRun run = CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", provenance("ec-p256-sec1.pem", "p.json"),
                "--vsa-key", KEYS.resolve("ed25519-pkcs8.pem").toString(), "--vsa-output", vsa, artifact);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not the gate-key of stage build");
        assertThat(Path.of(vsa)).doesNotExist();
    }

    @Test
    void usageErrors() throws Exception {
        String bundle = provenance("ec-p256-sec1.pem", "p.json");
        CliRun noKey = CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", bundle, "--vsa-output", "x.json", artifact);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--vsa-output needs --vsa-key");
        CliRun stage = CliRun.of("promote", "--policy", policy, "--stage", "qa", "--bundle", bundle, artifact);
        assertThat(stage.exitCode()).isEqualTo(2);
        assertThat(stage.err()).contains("no stage 'qa' (stages: build, staging)");
        assertThat(CliRun.of("promote", "--policy", policy, "--stage", "build", "--bundle", dir.resolve("none.json").toString(), artifact)
                .exitCode()).isEqualTo(2);
    }
}
