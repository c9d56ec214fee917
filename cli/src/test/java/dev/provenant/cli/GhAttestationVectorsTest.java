package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.testing.SlsaVerifierVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gh attestation verify's command lines on a real GitHub artifact attestation: the BCR vector of
 * slsa-verifier's testdata (rules_lint v1.3.1, signed by bazel-contrib's reusable release workflow on a
 * GitHub-hosted runner). The full command line passes; each flag given a value the certificate does not
 * hold fails it alone. Skipped when the vectors are not given (-Dprovenant.slsaVerifier=DIR).
 */
class GhAttestationVectorsTest {
    static final String SIGNER_WORKFLOW = "bazel-contrib/.github/.github/workflows/release_ruleset.yaml";
    static final String SIGNER_DIGEST = "eeb03fb7518fb0036e4bb0713134c3b6531c68ba";
    static final String SOURCE_DIGEST = "8f70009fde0c94ade6ce2a054b94718c819126ec";
    static final String SOURCE_REF = "refs/heads/publish-to-bcr";

    @TempDir
    Path dir;

    static List<String> ghFlags(String... replaced) {
        List<String> flags = new ArrayList<>(List.of("--repo", "aspect-build/rules_lint", "--signer-workflow", SIGNER_WORKFLOW,
                "--signer-digest", SIGNER_DIGEST, "--source-ref", SOURCE_REF, "--source-digest", SOURCE_DIGEST,
                "--deny-self-hosted-runners", "--predicate-type", "https://slsa.dev/provenance/v1"));
        for (int i = 0; i < replaced.length; i += 2) {
            int at = flags.indexOf(replaced[i]);
            flags.set(at + 1, replaced[i + 1]);
        }
        return flags;
    }

    static CliRun verifyAttestation(Path bundle, Path artifact, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("verify-attestation", "--bundle", bundle.toString(), "--json"));
        args.addAll(flags);
        args.add(artifact.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void ghsFullCommandLineHoldsAndEachFlagFailsAlone() throws Exception {
        Path bcr = SlsaVerifierVectors.resolve("bcr");
        Path artifact = bcr.resolve("rules_lint-v1.3.1.tar.gz");
        Path bundle = bcr.resolve("rules_lint-v1.3.1.tar.gz.intoto.jsonl");
        CliRun ok = verifyAttestation(bundle, artifact, ghFlags());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        String[][] wrong = {{"--repo", "aspect-build/rules_go"}, {"--signer-workflow", "aspect-build/rules_lint/.github/workflows/release.yml"},
            {"--signer-digest", SOURCE_DIGEST}, {"--source-ref", "refs/heads/main"}, {"--source-digest", SIGNER_DIGEST},
            {"--predicate-type", "https://spdx.dev/Document/v2.3"}};
        for (String[] flag : wrong) {
            CliRun failed = verifyAttestation(bundle, artifact, ghFlags(flag));
            assertThat(failed.exitCode()).as(flag[0] + ": " + failed.err()).isEqualTo(1);
            assertThat(failed.err().strip()).as(flag[0]).doesNotContain("\n");
        }
        // --owner alone scopes the signer to the owner's workflows: bazel-contrib's reusable workflow is not one
        CliRun owner = verifyAttestation(bundle, artifact, List.of("--owner", "aspect-build"));
        assertThat(owner.exitCode()).as(owner.err()).isEqualTo(1);
        assertThat(owner.err()).contains("certificate identity");
        CliRun signerRepo = verifyAttestation(bundle, artifact, List.of("--owner", "aspect-build", "--signer-repo", "bazel-contrib/.github"));
        assertThat(signerRepo.exitCode()).as(signerRepo.err()).isZero();
        CliRun otherOwner = verifyAttestation(bundle, artifact, List.of("--owner", "bazel-contrib", "--signer-repo", "bazel-contrib/.github"));
        assertThat(otherOwner.exitCode()).as(otherOwner.err()).isEqualTo(1);
        assertThat(otherOwner.err()).contains("source repository owner URI");
    }

    @Test
    void aDownloadedJsonLinesFileVerifiesTheLineAboutTheArtifact() throws Exception {
        Path bcr = SlsaVerifierVectors.resolve("bcr");
        String other = compact(bcr.resolve("MODULE.bazel.intoto.jsonl"));
        String mine = compact(bcr.resolve("rules_lint-v1.3.1.tar.gz.intoto.jsonl"));
        Path lines = Files.writeString(dir.resolve("sha256.jsonl"), other + "\n" + mine + "\n");
        CliRun ok = verifyAttestation(lines, bcr.resolve("rules_lint-v1.3.1.tar.gz"), ghFlags());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode result = JsonCodec.readTree(ok.out().trim().getBytes(StandardCharsets.UTF_8), "output");
        assertThat(result.get("bundleLine").asInt()).isEqualTo(2);
        assertThat(result.at("/skippedLines/0/check").asText()).isEqualTo("subject-digest");
        // verify-provenance takes the same flags over the same file, with slsa-verifier's source and builder
        CliRun provenance = CliRun.of(concat(List.of("verify-provenance", "--bundle", lines.toString(), "--json", "--source-uri",
                "github.com/aspect-build/rules_lint", "--builder-id",
                "https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml"), ghFlags(),
                List.of(bcr.resolve("rules_lint-v1.3.1.tar.gz").toString())));
        assertThat(provenance.exitCode()).as(provenance.err()).isZero();
        CliRun selfHostedOnly = CliRun.of(concat(List.of("verify-provenance", "--bundle", lines.toString(), "--source-uri",
                "github.com/aspect-build/rules_lint", "--builder-id",
                "https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml", "--source-digest", SIGNER_DIGEST),
                List.of(), List.of(bcr.resolve("rules_lint-v1.3.1.tar.gz").toString())));
        assertThat(selfHostedOnly.exitCode()).as(selfHostedOnly.err()).isEqualTo(1);
        assertThat(selfHostedOnly.err()).contains("GitHub workflow SHA");
    }

    static String compact(Path bundle) throws Exception {
        return new String(JsonCodec.write(JsonCodec.readTree(Files.readAllBytes(bundle), "bundle")), StandardCharsets.UTF_8);
    }

    @SafeVarargs
    static String[] concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray(String[]::new);
    }
}
