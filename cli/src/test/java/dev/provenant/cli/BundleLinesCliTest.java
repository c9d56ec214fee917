package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundle files of JSON lines (as gh attestation download writes them): the line whose bundle is about the
 * artifact and meets the policy passes, the JSON result says which and why the others did not; a file
 * without such a line fails with each line's reason, and a file that is not JSON lines of bundles is refused.
 */
class BundleLinesCliTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String TYPE = "https://example.com/test/v1";
    static final String OTHER_TYPE = "https://example.com/other/v1";

    @TempDir
    Path dir;
    String key = KEYS.resolve("ec-p256-sec1.pem").toString();
    String pub = KEYS.resolve("ec-p256.pub").toString();
    Path a;
    Path b;

    @BeforeEach
    void artifacts() throws Exception {
        a = Files.writeString(dir.resolve("a.bin"), "artifact a");
        b = Files.writeString(dir.resolve("b.bin"), "artifact b");
    }

    /** One attestation of {@code artifact} with predicate type {@code type}, as one compact JSON line. */
    String line(Path artifact, String type) throws Exception {
        Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\":\"pass\"}");
        Path bundle = dir.resolve("one.json");
        CliRun attest = CliRun.of("attest", "--key", key, "--type", type, "--predicate", predicate.toString(), "--bundle",
                bundle.toString(), artifact.toString());
        assertThat(attest.exitCode()).as(attest.err()).isZero();
        return new String(JsonCodec.write(JsonCodec.readTree(Files.readAllBytes(bundle), "bundle")), StandardCharsets.UTF_8);
    }

    Path lines(List<String> lines) throws Exception {
        return Files.writeString(dir.resolve("att.jsonl"), String.join("\n", lines) + "\n");
    }

    static JsonNode json(CliRun run) throws Exception {
        return JsonCodec.readTree(run.out().trim().getBytes(StandardCharsets.UTF_8), "output");
    }

    static void oneLineFailure(CliRun run, int code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:");
    }

    @Test
    void theLineAboutTheArtifactThatMeetsThePolicyPassesAndTheOthersAreNamed() throws Exception {
        Path file = lines(List.of(line(b, TYPE), line(a, OTHER_TYPE), line(a, TYPE)));
        CliRun ok = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), "--type", TYPE, "--json", a.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode result = json(ok);
        assertThat(result.get("bundleLine").asInt()).isEqualTo(3);
        assertThat(result.get("skippedLines")).hasSize(2);
        assertThat(result.at("/skippedLines/0/line").asInt()).isEqualTo(1);
        assertThat(result.at("/skippedLines/0/check").asText()).isEqualTo("subject-digest");
        assertThat(result.at("/skippedLines/1/line").asInt()).isEqualTo(2);
        assertThat(result.at("/skippedLines/1/check").asText()).isEqualTo("predicate-type");
        CliRun text = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), "--type", TYPE, a.toString());
        assertThat(text.out()).contains("bundle      line 3 of the JSON lines", "skipped     line 1:");
        // --predicate-type is the same requirement, with gh's name
        CliRun gh = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), "--predicate-type", OTHER_TYPE, "--json",
                a.toString());
        assertThat(gh.exitCode()).as(gh.err()).isZero();
        assertThat(json(gh).get("bundleLine").asInt()).isEqualTo(2);
    }

    @Test
    void noLineAboutTheArtifactFails() throws Exception {
        Path file = lines(List.of(line(b, TYPE), line(b, OTHER_TYPE)));
        CliRun run = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), a.toString());
        oneLineFailure(run, 1);
        assertThat(run.err()).contains("none of the 2 bundle lines holds", "line 1 statement subject digest", "line 2 statement subject digest");
    }

    @Test
    void everyLineAboutTheArtifactFailingThePolicyFails() throws Exception {
        Path file = lines(List.of(line(a, OTHER_TYPE), line(b, TYPE), line(a, OTHER_TYPE)));
        CliRun type = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), "--type", TYPE, "--json", a.toString());
        assertThat(type.exitCode()).as(type.err()).isEqualTo(1);
        CliRun wrongKey = CliRun.of("verify-attestation", "--key", KEYS.resolve("ec-p384.pub").toString(), "--bundle", file.toString(),
                a.toString());
        oneLineFailure(wrongKey, 1);
        assertThat(wrongKey.err()).contains("none of the 3 bundle lines holds");
    }

    @Test
    void aMalformedOverLongOrEmptyFileIsRefused() throws Exception {
        String good = line(a, TYPE);
        CliRun malformed = CliRun.of("verify-attestation", "--key", pub, "--bundle", lines(List.of(good, "{\"mediaType\":1}")).toString(),
                a.toString());
        oneLineFailure(malformed, 1);
        assertThat(malformed.err()).contains("bundle format", "att.jsonl line 2: ");
        String padded = good.replaceFirst("\\{", "{\"x\":\"" + "A".repeat(8 << 20) + "\",");
        CliRun overLong = CliRun.of("verify-attestation", "--key", pub, "--bundle", lines(List.of(good, padded)).toString(), a.toString());
        oneLineFailure(overLong, 2);
        assertThat(overLong.err()).contains("att.jsonl line 2 is larger than the 8 MiB a bundle may have");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        CliRun none = CliRun.of("verify-attestation", "--key", pub, "--bundle", empty.toString(), a.toString());
        oneLineFailure(none, 1);
        assertThat(none.err()).contains("holds no bundle");
    }

    @Test
    void ghFlagsPinKeylessClaimsAndDoNotGoWithAKey() throws Exception {
        Path file = lines(List.of(line(a, TYPE), line(a, TYPE)));
        CliRun run = CliRun.of("verify-attestation", "--key", pub, "--bundle", file.toString(), "--repo", "acme/app", a.toString());
        oneLineFailure(run, 2);
        assertThat(run.err()).contains("do not go with --key");
        CliRun provenance = CliRun.of("verify-provenance", "--bundle", file.toString(), "--source-uri", "github.com/acme/app",
                "--deny-self-hosted-runners", a.toString());
        oneLineFailure(provenance, 2);
        assertThat(provenance.err()).contains("signed with a key");
    }
}
