package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.testing.SlsaVerifierVectors;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-npm-package}'s command line: usage errors and unreadable input exit 2, a document that
 * is not the registry's exits 1 naming the check; with slsa-verifier's vectors (optional), the report,
 * {@code --json} and {@code --npm-registry-keys}. The checks themselves are NpmPackageVerifierTest's.
 */
class VerifyNpmPackageCliTest {
    static final String HOSTED = "https://github.com/actions/runner/github-hosted";

    @TempDir
    Path dir;

    static void assertOneLineFailure(CliRun run, int code, String check) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("provenant:").contains(check);
        assertThat(run.err()).doesNotContain("Exception");
    }

    CliRun verify(Path document, String... extra) throws Exception {
        Path tarball = Files.writeString(dir.resolve("pkg.tgz"), "tarball");
        String[] args = new String[extra.length + 8];
        String[] head = {"verify-npm-package", "--attestations-path", document.toString(), "--source-uri", "github.com/acme/widget",
            "--builder-id", HOSTED};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(extra, 0, args, head.length, extra.length);
        args[args.length - 1] = tarball.toString();
        return CliRun.of(args);
    }

    @Test
    void aHugeDocumentIsRefusedAtItsCap() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InputLimit.NPM_ATTESTATIONS.maxBytes() + 1L);
        }
        assertOneLineFailure(verify(huge), 2, "larger than the 8 MiB");
    }

    @Test
    void aDocumentThatIsNotTheRegistrysFailsNamingTheCheck() throws Exception {
        assertOneLineFailure(verify(Files.writeString(dir.resolve("a.json"), "{\"attestations\": []}")), 1,
                "npm attestations: the document holds no SLSA provenance");
        assertOneLineFailure(verify(Files.writeString(dir.resolve("b.json"), "{\"attestations\": 1}")), 1, "npm attestations:");
        assertOneLineFailure(verify(Files.writeString(dir.resolve("c.json"), "[")), 1, "npm attestations:");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path doc = Files.writeString(dir.resolve("a.json"), "{\"attestations\": []}");
        assertOneLineFailure(verify(dir.resolve("missing.json")), 2, "missing.json");
        assertOneLineFailure(verify(doc, "--source-tag", "v1", "--source-branch", "main"), 2, "at most one");
        assertOneLineFailure(verify(doc, "--package-name", ""), 2, "must not be empty");
        assertOneLineFailure(verify(doc, "--npm-registry-keys", Files.writeString(dir.resolve("k.json"), "{}").toString()), 2,
                "\"keys\" array");
        assertOneLineFailure(verify(doc, "--npm-registry-keys", dir.resolve("none.json").toString()), 2, "--npm-registry-keys");
        CliRun missing = CliRun.of("verify-npm-package", "--attestations-path", doc.toString(), "pkg.tgz");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--source-uri").doesNotContain("Exception");
        CliRun help = CliRun.of("verify-npm-package", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: provenant verify-npm-package", "--attestations-path", "--npm-registry-keys", "Examples:");
    }

    /** slsa-verifier's v1 npm CLI vector (skipped without -Dprovenant.slsaVerifier). */
    CliRun gundamVisor(String... extra) {
        Path d = SlsaVerifierVectors.resolve("npm/gha");
        String[] head = {"verify-npm-package", "--attestations-path", d.resolve("gundam-visor-cli-v1-tag.tgz.json").toString(),
            "--source-uri", "github.com/ramonpetgrave64/gundam-visor", "--builder-id", HOSTED, "--package-name", "gundam-visor"};
        String[] args = new String[head.length + extra.length + 1];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(extra, 0, args, head.length, extra.length);
        args[args.length - 1] = d.resolve("gundam-visor-cli-v1-tag.tgz").toString();
        return CliRun.of(args);
    }

    @Test
    void theReportAndJsonSayWhatWasChecked() throws Exception {
        CliRun ok = gundamVisor("--source-tag", "v1.0.1");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Verified OK: npm package gundam-visor@1.0.1",
                "published   registry key SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", "builder     " + HOSTED,
                "ref         refs/tags/v1.0.1 at 599500821344b070902a7a5666064bfdaba715df", "(npm CLI on a GitHub-hosted runner");
        CliRun json = gundamVisor("--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode node = JsonCodec.readTree(json.out().trim().getBytes(StandardCharsets.UTF_8), "output");
        assertThat(node.path("purl").asText()).isEqualTo("pkg:npm/gundam-visor@1.0.1");
        assertThat(node.path("tarball").asText()).startsWith("sha512:8d9d7972");
        assertThat(node.path("builder").asText()).isEqualTo(HOSTED);
        assertThat(node.path("signerConsistencyChecked").asBoolean()).isTrue();
        assertOneLineFailure(gundamVisor("--source-tag", "v1.0.2"), 1, "provenance source ref:");
    }

    @Test
    void registryKeysFromAFileReplaceTheShippedOnes() throws Exception {
        Path shipped = Files.write(dir.resolve("keys.json"), getClass().getResourceAsStream(
                "/dev/provenant/verifier/npm/npm-registry-keys.json").readAllBytes());
        CliRun same = gundamVisor("--npm-registry-keys", shipped.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        // the key that signed it, with a window that ended before the registry logged the publish
        String ended = Files.readString(shipped).replace("2025-01-29T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
        assertOneLineFailure(gundamVisor("--npm-registry-keys", Files.writeString(dir.resolve("ended.json"), ended).toString()), 1,
                "npm registry key: registry key SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA is valid");
        // the signing key under another id: the bundle's key id is unknown
        Path newOnly = Files.writeString(dir.resolve("new.json"), Files.readString(shipped)
                .replace("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", "SHA256:retired"));
        assertOneLineFailure(gundamVisor("--npm-registry-keys", newOnly.toString()), 1, "npm registry key:");
    }
}
