package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `store`, `audit` and `promote --store` in process, each pipeline stage run as on a fresh runner (a new
 * folder holding only the artifact), its evidence found in a folder store by the artifact's digest; then
 * the decision log tampered with in its files and caught by `audit verify`.
 */
class EvidenceStoreCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");

    static final String POLICY = """
            apiVersion: provenant.dev/policy/v1
            name: store-test
            stages:
              - name: build
                max-age: 1h
                gate-key:
                  public-key: keys/build-gate.pub
                evidence:
                  - name: provenance
                    predicate-type: https://slsa.dev/provenance/v1
                    signers:
                      - public-key: keys/builder.pub
              - name: staging
                requires-previous-stage-vsa: true
                gate-key:
                  public-key: keys/staging-gate.pub
            """;

    @TempDir
    Path dir;

    Path store;
    String policy;
    byte[] artifactBytes = "artifact content for the store".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String digest;

    @BeforeEach
    void setUp() throws Exception {
        store = dir.resolve("store");
        Path keys = Files.createDirectories(dir.resolve("policy").resolve("keys"));
        Files.copy(KEYS.resolve("ec-p256.pub"), keys.resolve("builder.pub"));
        Files.copy(KEYS.resolve("rsa-3072.pub"), keys.resolve("build-gate.pub"));
        Files.copy(KEYS.resolve("ed25519.pub"), keys.resolve("staging-gate.pub"));
        policy = Files.writeString(dir.resolve("policy").resolve("policy.yaml"), POLICY).toString();
        digest = "sha256:" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(artifactBytes));
    }

    /** A new runner: an empty folder with only the artifact in it. */
    Path runner(String name) throws Exception {
        Path runner = Files.createDirectories(dir.resolve("runners").resolve(name));
        Files.write(runner.resolve("app.jar"), artifactBytes);
        return runner.resolve("app.jar");
    }

    /** The build runner: signs provenance for the artifact and pushes it to the store. */
    void build(String location) throws Exception {
        Path artifact = runner("build");
        String finished = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        Path predicate = Files.writeString(artifact.resolveSibling("predicate.json"), """
                {"buildDefinition": {"buildType": "https://provenant.dev/buildtypes/local/v1", "externalParameters": {}},
                 "runDetails": {"builder": {"id": "https://provenant.dev/builders/local"}, "metadata": {"finishedOn": "%s"}}}
                """.formatted(finished));
        Path bundle = artifact.resolveSibling("app.jar.provenance.sigstore.json");
        CliRun attest = CliRun.of("attest", "--key", KEYS.resolve("ec-p256-sec1.pem").toString(), "--type",
                "https://slsa.dev/provenance/v1", "--predicate", predicate.toString(), "--bundle", bundle.toString(), artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        CliRun push = CliRun.of("store", "push", "--store", location, bundle.toString());
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(push.out()).contains("stored " + bundle + " as sha256:", digest);
    }

    CliRun promote(String location, String stage, String gateKey) throws Exception {
        Path artifact = runner(stage + "-gate-" + System.nanoTime());
        return CliRun.of("promote", "--policy", policy, "--stage", stage, "--store", location, "--vsa-key",
                KEYS.resolve(gateKey).toString(), artifact.toString());
    }

    /** Build, promote to build, promote to staging, each on its own runner; the decisions are leaves 0 and 1. */
    void pipeline(String location) throws Exception {
        build(location);
        CliRun toBuild = promote(location, "build", "rsa-3072-pkcs8.pem");
        assertThat(toBuild.exitCode()).as(toBuild.out() + toBuild.err()).isZero();
        assertThat(toBuild.out()).contains("PASS provenance.signers", "decision recorded as leaf 0 of the decision log of ");
        CliRun toStaging = promote(location, "staging", "ed25519-pkcs8.pem");
        assertThat(toStaging.exitCode()).as(toStaging.out() + toStaging.err()).isZero();
        assertThat(toStaging.out()).contains("PASS previous-stage-vsa", "decision recorded as leaf 1 ");
    }

    @Test
    void stagesOnFreshRunnersFindTheirEvidenceInTheStoreAndEveryDecisionIsLogged() throws Exception {
        String location = store.toString();
        pipeline(location);
        // a refused decision is recorded too: staging's gate has no VSA for another artifact
        artifactBytes = "another artifact".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CliRun refused = promote(location, "staging", "ed25519-pkcs8.pem");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("decision recorded as leaf 2 ");

        CliRun verify = CliRun.of("audit", "verify", "--store", location, "--policy", policy);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("3 decisions, every one included in the checkpoint of size 3");

        CliRun show = CliRun.of("audit", "show", "--store", location, "--subject", digest);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out().lines()).hasSize(2);
        assertThat(show.out().lines().toList().get(0)).startsWith("0  ").contains("  build  passed  sha256:");
        assertThat(show.out().lines().toList().get(1)).startsWith("1  ").contains("  staging  passed  ");
        JsonNode shown = JsonCodec.mapper().readTree(CliRun.of("audit", "show", "--store", location, "--subject", digest, "--json").out());
        JsonNode decision = shown.path("decisions").get(0).path("decision");
        assertThat(decision.path("policyDigest").asText()).startsWith("sha256:");
        assertThat(decision.path("rules").get(0).path("reason").asText()).isNotEmpty();
        assertThat(decision.path("ci").path("system").asText()).isNotEmpty();

        CliRun found = CliRun.of("store", "find", "--store", location, "--subject", digest, "--predicate-type",
                "https://slsa.dev/verification_summary/v1", "--json");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(JsonCodec.mapper().readTree(found.out()).path("bundles")).hasSize(2);
        CliRun none = CliRun.of("store", "find", "--store", location, "--subject", "sha256:" + "0".repeat(64));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).startsWith("provenant: " + store.toAbsolutePath() + " holds no bundle about sha256:000");
    }

    @Test
    void anEditedDecisionIsNamedByAuditVerify() throws Exception {
        String location = store.toString();
        pipeline(location);
        Path leaf = store.resolve("log").resolve(String.format("%020d.json", 0));
        ObjectNode entry = (ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(leaf));
        String edited = new String(Base64.getDecoder().decode(entry.get("leaf").asText()), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"stage\":\"build\"", "\"stage\":\"production\"");
        entry.put("leaf", Base64.getEncoder().encodeToString(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.write(leaf, JsonCodec.mapper().writeValueAsBytes(entry));
        CliRun verify = CliRun.of("audit", "verify", "--store", location, "--policy", policy);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err().lines().toList().get(0))
                .isEqualTo("provenant: decision log of " + store.toAbsolutePath() + ": leaf 0 was edited, deleted or reordered: the stored"
                        + " leaves do not have the signed root of checkpoint 0 (tree size 1)");
        // and no gate signs over it
        CliRun next = promote(location, "build", "rsa-3072-pkcs8.pem");
        assertThat(next.exitCode()).isEqualTo(1);
        assertThat(next.err()).contains("provenant: decision log: ").contains("run provenant audit verify");
    }

    @Test
    void aCutTailIsFoundAgainstAPublishedCheckpoint() throws Exception {
        String location = store.toString();
        pipeline(location);
        CliRun checkpoint = CliRun.of("audit", "checkpoint", "--store", location);
        assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
        assertThat(checkpoint.out()).startsWith("provenant.dev/decisions\n2\n").contains("\n\n\u2014 provenant-gate ");
        Path published = Files.writeString(dir.resolve("published.checkpoint"), checkpoint.out());
        Files.delete(store.resolve("log").resolve(String.format("%020d.json", 1)));
        assertThat(CliRun.of("audit", "verify", "--store", location, "--policy", policy).exitCode()).isZero();
        CliRun since = CliRun.of("audit", "verify", "--store", location, "--policy", policy, "--since", published.toString(), "--json");
        assertThat(since.exitCode()).isEqualTo(1);
        JsonNode json = JsonCodec.mapper().readTree(since.out());
        assertThat(json.path("problems").get(0).path("leaf").asLong()).isEqualTo(1);
        assertThat(json.path("problems").get(0).path("message").asText()).contains("leaf 1 deleted");
    }

    @Test
    void usageAndUnreachableStores() throws Exception {
        CliRun noKey = CliRun.of("promote", "--policy", policy, "--stage", "build", "--store", store.toString(), runner("x").toString());
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("give --vsa-key");
        CliRun password = CliRun.of("audit", "checkpoint", "--store", "postgresql://gate:hunter2@127.0.0.1:1/evidence");
        assertThat(password.exitCode()).isEqualTo(2);
        assertThat(password.err()).contains("holds a password").doesNotContain("hunter2");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun down = CliRun.of("audit", "checkpoint", "--store", "postgresql://127.0.0.1:" + port + "/evidence");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.err().lines()).singleElement().asString()
                .startsWith("provenant: evidence store: cannot connect to the evidence store jdbc:postgresql://127.0.0.1:" + port + "/evidence");
        CliRun keys = CliRun.of("audit", "verify", "--store", store.toString());
        assertThat(keys.exitCode()).isEqualTo(2);
    }
}
