package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The four-stage promotion example keeps working on the packaged CLI: every gate admits the artifact
 * with its evidence, and refuses it, by the rule that does not hold, when one piece is removed or
 * altered. The script checks itself; this also checks what it printed, so a script that stopped
 * checking would not pass.
 */
class PromotionDemoIT {
    @Test
    void fourStagePromotionPassesAndEachRemovedOrAlteredPieceOfEvidenceIsRefusedByItsRule() throws Exception {
        // Unencrypted throwaway keys, and the local builder whatever CI this runs in (the script clears CI variables itself).
        PackagedCli run = PackagedCli.run(180, Collections.singletonMap("PROVENANT_PASSWORD", null),
                List.of("bash", PackagedCli.ROOT.resolve("examples/promotion/run.sh").toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String out = run.output();
        assertThat(out).contains(
                "policy.yaml: OK: policy acme-app-demo, stages build -> test -> staging -> production",
                "  PASS provenance.provenance: builder https://provenant.dev/builders/local",
                "  PASS provenance.dependencies.catalog: ",
                "promoted to build; VSA written to build.vsa.json",
                "  PASS tests.signers: 1 of 1 required distinct signer(s) (test-runner)",
                "promoted to test; VSA written to test.vsa.json",
                "promoted to staging; VSA written to staging.vsa.json",
                "  PASS previous-stage-vsa: staging.vsa.json is a PASSED VSA of stage staging",
                "promoted to production; VSA written to production.vsa.json",
                "predicate   https://slsa.dev/verification_summary/v1",
                "summary: 8 step(s) passed, 6 promotion(s) refused as expected",
                "Promotion demo complete");
        assertThat(out).doesNotContain("!! ", "FAILED");

        // Each refusal, by its rule, with the reason that rule gave.
        assertThat(refusal(out, "the provenance is removed")).contains("promotion to build refused: FAIL provenance.signers: 0 of 1"
                + " required signer(s)", "-> refused as expected by rule provenance.signers");
        assertThat(refusal(out, "the test results are signed by a key the policy does not trust")).contains(
                "  PASS previous-stage-vsa: build.vsa.json", "promotion to test refused: FAIL tests.signers: 0 of 1 required signer(s)",
                "forged.tests.sigstore.json: signature: the DSSE signature does not verify");
        assertThat(refusal(out, "the test results are removed")).contains("promotion to test refused: FAIL tests.signers: ");
        assertThat(refusal(out, "the staging VSA is missing")).contains("promotion to production refused: FAIL previous-stage-vsa:"
                + " no VSA of stage staging", "test.vsa.json: signature: ");
        assertThat(refusal(out, "the artifact is altered after staging")).contains("promotion to production refused: FAIL"
                + " previous-stage-vsa: ", "staging.vsa.json: statement subject digest: ", "is not a subject of the statement");
        assertThat(refusal(out, "the staging VSA is tampered with")).contains("promotion to production refused: FAIL"
                + " previous-stage-vsa: ", "tampered-staging.vsa.json: signature: the DSSE signature does not verify");
        assertThat(out.split("-> refused as expected by rule ", -1)).hasSize(7);
    }

    /** The output of the refusal step whose title starts with {@code title}, up to the next step. */
    private static String refusal(String out, String title) {
        int start = out.indexOf("==> REFUSE: " + title);
        assertThat(start).as("refusal step '%s' in%n%s", title, out).isNotNegative();
        int end = out.indexOf("\n==> ", start + 1);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
