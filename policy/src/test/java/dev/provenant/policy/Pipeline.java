package dev.provenant.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.ci.GitHubActionsDetector;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A small supply chain on real keys from testdata/keys: an artifact, SLSA provenance for it made by
 * Provenant's generator as in a GitHub Actions release, a test-result attestation, bundles signed by
 * the signer module, and a policy file beside copies of the public keys.
 */
final class Pipeline {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant BUILT = Instant.parse("2026-11-27T10:00:00Z");
    static final String TEST_RESULT = "https://in-toto.io/attestation/test-result/v0.1";
    static final String WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml";

    final Path dir;
    final Path artifact;
    final Signer builder;
    final Signer tester;
    final Signer buildGate;
    final Signer stagingGate;

    Pipeline(Path dir) throws Exception {
        this.dir = dir;
        artifact = Files.writeString(dir.resolve("app.jar"), "the artifact\n");
        builder = open("ec-p256-sec1.pem");
        tester = open("ec-p384-sec1.pem");
        buildGate = open("rsa-3072-pkcs8.pem");
        stagingGate = open("ed25519-pkcs8.pem");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.copy(KEYS.resolve("ec-p256.pub"), keys.resolve("builder.pub"));
        Files.copy(KEYS.resolve("ec-p384.pub"), keys.resolve("tester.pub"));
        Files.copy(KEYS.resolve("rsa-3072.pub"), keys.resolve("build-gate.pub"));
        Files.copy(KEYS.resolve("ed25519.pub"), keys.resolve("staging-gate.pub"));
    }

    static Signer open(String key) throws Exception {
        return new FileKeyProvider().open(KEYS.resolve(key).toString(), new SecretSource(Map.of(), "UNSET_VARIABLE", null));
    }

    /** The policy the tests start from; each test edits one thing of it. */
    static String policy() {
        return """
                apiVersion: provenant.dev/policy/v1
                name: acme-app
                verifier-id: https://gate.acme.example/provenant
                stages:
                  - name: build
                    max-age: 1d
                    gate-key:
                      public-key: keys/build-gate.pub
                    verified-levels: [SLSA_BUILD_LEVEL_2]
                    evidence:
                      - name: provenance
                        predicate-type: https://slsa.dev/provenance/v1
                        signers:
                          - name: builder
                            public-key: keys/builder.pub
                        threshold: 1
                        provenance:
                          source-uri: github.com/acme/app
                          builder-id: https://github.com/acme/app/.github/workflows/release.yml
                          ref-pattern: refs/tags/v[0-9]+\\..*
                          build-type: https://actions.github.io/buildtypes/workflow/v1
                        dependencies:
                          require-digest: true
                          allow:
                            - uri-pattern: "pkg:maven/.*"
                            - uri-pattern: 'git\\+https://github.com/acme/.*'
                          deny:
                            - uri-pattern: "pkg:maven/org.apache.logging.log4j/log4j-core@.*"
                              version: 2.14.1
                              reason: CVE-2021-44228 (Log4Shell)
                  - name: staging
                    requires-previous-stage-vsa: true
                    gate-key:
                      public-key: keys/staging-gate.pub
                    verified-levels: [SLSA_BUILD_LEVEL_2]
                    evidence:
                      - name: tests
                        predicate-type: https://in-toto.io/attestation/test-result/v0.1
                        signers:
                          - name: tester
                            public-key: keys/tester.pub
                  - name: production
                    requires-previous-stage-vsa: staging
                    max-age: 2d
                """;
    }

    PromotionPolicy load(String text) throws Exception {
        return PromotionPolicy.load(Files.writeString(dir.resolve("policy.yaml"), text));
    }

    static Map<String, String> github(String ref) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/app");
        env.put("GITHUB_REF", ref);
        env.put("GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/release.yml@" + ref);
        env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
        env.put("GITHUB_RUN_ID", "42");
        env.put("GITHUB_EVENT_NAME", "push");
        return env;
    }

    static ResourceDescriptor dependency(String purl, boolean pinned) {
        return new ResourceDescriptor(null, purl, pinned ? Map.of("sha256", "ab".repeat(32)) : Map.of(), null, null, null, null);
    }

    static List<ResourceDescriptor> goodDependencies() {
        return List.of(dependency("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.22.3", true),
                dependency("pkg:maven/org.apache.logging.log4j/log4j-core@2.24.1", true));
    }

    Digest artifactDigest() throws Exception {
        return new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
    }

    /** Provenance as `provenant provenance` writes it for a tag build, with the given dependencies, optionally edited. */
    Statement provenance(String ref, List<ResourceDescriptor> dependencies, Instant finished, Consumer<ObjectNode> edit)
            throws Exception {
        var build = new CiDetection(List.of(new GitHubActionsDetector())).detect(new Environment(github(ref)), dir);
        Statement statement = new ProvenanceGenerator().generate(List.of(ResourceDescriptor.of("app.jar", artifactDigest())), build,
                dependencies, ProvenanceGenerator.Overrides.none(), finished);
        ObjectNode json = (ObjectNode) JsonCodec.mapper().valueToTree(statement);
        edit.accept(json);
        return Statement.parse(JsonCodec.write(json));
    }

    Statement provenance() throws Exception {
        return provenance("refs/tags/v1.4.2", goodDependencies(), BUILT, j -> {});
    }

    Statement testResult() throws Exception {
        ObjectNode predicate = JsonCodec.mapper().createObjectNode();
        predicate.put("result", "PASSED");
        predicate.putArray("passedTests").add("AppTest");
        return Statement.of(List.of(ResourceDescriptor.of("app.jar", artifactDigest())), TEST_RESULT, predicate);
    }

    /** Signs the statement and writes the bundle file, as `provenant attest` does. */
    EvidenceBundle sign(Signer signer, Statement statement, String name) throws Exception {
        var bundle = new BundleSigner(signer, new ArtifactDigester()).attest(statement);
        Path file = dir.resolve(name);
        Files.write(file, bundle.toJson());
        return EvidenceBundle.read(file);
    }

    EvidenceBundle write(dev.provenant.attest.bundle.Bundle bundle, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bundle.toJson());
        return EvidenceBundle.read(file);
    }

    PromotionGate gate(Instant now) {
        return new PromotionGate(new BundleVerifier(new ArtifactDigester(), TrustedRoot::publicGood, Clock.fixed(now, ZoneOffset.UTC)),
                new ArtifactDigester(), Clock.fixed(now, ZoneOffset.UTC));
    }

    PromotionVerdict evaluate(PromotionPolicy policy, String stage, EvidenceBundle... bundles) throws Exception {
        return gate(NOW).evaluate(policy, stage, List.of(bundles), List.of(new Artifact.FileArtifact(artifact)));
    }
}
