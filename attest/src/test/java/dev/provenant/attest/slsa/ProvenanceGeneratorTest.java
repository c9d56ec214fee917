package dev.provenant.attest.slsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.ci.GitHubActionsDetector;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.ChecksumFile;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.ResourceSpec;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceGeneratorTest {
    private static final String SHA = "c27d339ee6075c1f744c5d4b200f7901aad2c369";
    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    private static Map<String, String> github() {
        return Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/app", "GITHUB_REF", "refs/heads/main",
                "GITHUB_SHA", SHA, "GITHUB_WORKFLOW_REF", "acme/app/.github/workflows/build.yml@refs/heads/main",
                "GITHUB_RUN_ID", "9", "GITHUB_RUN_ATTEMPT", "1", "GITHUB_EVENT_NAME", "push");
    }

    private static Statement generate(Map<String, String> env, List<ResourceDescriptor> extra) {
        var environment = CiDetection.discover().detect(new Environment(env), Path.of("/"));
        return new ProvenanceGenerator().generate(List.of(ResourceDescriptor.of("app.jar", Digest.parse("sha256:" + HEX))),
                environment, extra, ProvenanceGenerator.Overrides.none(), Instant.parse("2026-11-27T10:00:00.123Z"));
    }

    @Test
    void generatedProvenanceFollowsTheSlsaAndInTotoRules() throws Exception {
        Statement s = generate(github(), List.of(ResourceSpec.parse("uri=pkg:maven/org.example/lib@1.0,digest=sha256:" + HEX)));
        JsonNode json = JsonCodec.readTree(s.toJson(), "statement");
        assertThat(ProvenanceRules.violations(json)).isEmpty();
        assertThat(json.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(json.at("/predicate/buildDefinition/buildType").asText()).isEqualTo(GitHubActionsDetector.BUILD_TYPE);
        assertThat(json.at("/predicate/runDetails/metadata/finishedOn").asText()).isEqualTo("2026-11-27T10:00:00Z");
        ArrayNode deps = (ArrayNode) json.at("/predicate/buildDefinition/resolvedDependencies");
        assertThat(deps.get(0).get("uri").asText()).isEqualTo("git+https://github.com/acme/app@refs/heads/main");
        assertThat(deps.get(1).get("uri").asText()).isEqualTo("pkg:maven/org.example/lib@1.0");
        // The predicate reads back into the typed model.
        ProvenancePredicate p = ProvenancePredicate.of(Statement.parse(s.toJson()));
        assertThat(p.runDetails().builder().id()).isEqualTo("https://github.com/acme/app/.github/workflows/build.yml@refs/heads/main");
    }

    @Test
    void overridesReplaceWhatWasDetected() {
        var environment = CiDetection.discover().detect(new Environment(github()), Path.of("/"));
        Statement s = new ProvenanceGenerator().generate(List.of(ResourceDescriptor.of("a", Digest.parse("sha256:" + HEX))),
                environment, List.of(), new ProvenanceGenerator.Overrides(Optional.of("https://builder.example/x"),
                        Optional.of("https://example.com/bt/v1")), Instant.now());
        assertThat(s.predicate().at("/runDetails/builder/id").asText()).isEqualTo("https://builder.example/x");
        assertThat(s.predicate().at("/buildDefinition/buildType").asText()).isEqualTo("https://example.com/bt/v1");
    }

    @Test
    void theRulesCatchEachKindOfViolation() throws Exception {
        ObjectNode good = (ObjectNode) JsonCodec.readTree(generate(github(), List.of()).toJson(), "s");
        assertThat(ProvenanceRules.violations(good)).isEmpty();
        ObjectNode bad = good.deepCopy();
        bad.put("_type", "https://in-toto.io/Statement/v0.1");
        ((ObjectNode) bad.at("/subject/0/digest")).put("sha256", HEX.toUpperCase());
        ((ObjectNode) bad.at("/predicate/buildDefinition")).put("buildType", "not a uri");
        ((ObjectNode) bad.at("/predicate/buildDefinition")).put("externalParameters", "x");
        ((ObjectNode) bad.at("/predicate/runDetails/builder")).remove("id");
        ((ObjectNode) bad.at("/predicate/runDetails/metadata")).put("finishedOn", "2026-11-27T10:00:00+01:00");
        ((ObjectNode) bad.at("/predicate/buildDefinition/resolvedDependencies/0/digest")).put("gitCommit", "abc");
        List<String> v = ProvenanceRules.violations(bad);
        assertThat(v).anyMatch(m -> m.startsWith("_type")).anyMatch(m -> m.contains("subject[0].digest.sha256"))
                .anyMatch(m -> m.contains("buildType")).anyMatch(m -> m.contains("externalParameters"))
                .anyMatch(m -> m.contains("builder.id")).anyMatch(m -> m.contains("finishedOn"))
                .anyMatch(m -> m.contains("gitCommit"));
    }

    @Test
    void timesFollowTheOneRfc3339Reader() throws Exception {
        // java.time reads these; RFC 3339 requires the seconds, and a leap second names no instant here
        for (String time : new String[] {"2026-11-27T10:00Z", "2016-12-31T23:59:60Z"}) {
            assertThatThrownBy(() -> new BuildMetadata(null, time, null)).as(time).hasMessageContaining("is not an RFC 3339 time");
            ObjectNode statement = (ObjectNode) JsonCodec.readTree(generate(github(), List.of()).toJson(), "s");
            ((ObjectNode) statement.at("/predicate/runDetails/metadata")).put("startedOn", time);
            assertThat(ProvenanceRules.violations(statement)).as(time)
                    .containsExactly("predicate.runDetails.metadata.startedOn is not an RFC 3339 time");
        }
        assertThat(new BuildMetadata(null, "2026-11-27t10:00:00.5Z", null).startedOn()).isEqualTo("2026-11-27t10:00:00.5Z");
        assertThat(BuildMetadata.of(null, Instant.parse("2026-11-27T10:00:00.9Z"), null).startedOn()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void theModelRefusesInvalidProvenance() {
        assertThatThrownBy(() -> Builder.of("relative/id")).hasMessageContaining("absolute URI");
        assertThatThrownBy(() -> new BuildMetadata(null, "2026-11-27T10:00:00+01:00", null)).hasMessageContaining("UTC");
        assertThatThrownBy(() -> ResourceSpec.parse("uri=x,digest=sha256:00")).hasMessageContaining("64 hex");
        assertThatThrownBy(() -> ResourceSpec.parse("oops")).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void tenThousandSubjectsFromAChecksumFileInWellUnderTwoSeconds() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lines.append(String.format("%064x", i)).append("  dist/artifact-").append(i).append(".jar\n");
        }
        Path sums = Files.writeString(dir.resolve("SHA256SUMS"), lines);
        long start = System.nanoTime();
        List<ResourceDescriptor> subjects = ChecksumFile.read(sums);
        var environment = CiDetection.discover().detect(new Environment(github()), Path.of("/"));
        byte[] json = new ProvenanceGenerator().generate(subjects, environment, List.of(), ProvenanceGenerator.Overrides.none(),
                Instant.now()).toJson();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(JsonCodec.readTree(json, "s").get("subject")).hasSize(10_000);
        assertThat(millis).as("10,000 subjects took %d ms", millis).isLessThan(2_000);
    }

    @Test
    void checksumFilesAreReadAsSha256sumWritesThem() throws Exception {
        Path sums = Files.writeString(dir.resolve("sums"), HEX + "  a.jar\n" + "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e *b.bin\n\n# comment\n");
        List<ResourceDescriptor> subjects = ChecksumFile.read(sums);
        assertThat(subjects).extracting(ResourceDescriptor::name).containsExactly("a.jar", "b.bin");
        assertThat(subjects.get(1).digest()).containsKey("sha512");
        Path bad = Files.writeString(dir.resolve("bad"), "xyz a.jar\n");
        assertThatThrownBy(() -> ChecksumFile.read(bad)).isInstanceOf(FormatException.class).hasMessageContaining("bad:1");
    }
}
