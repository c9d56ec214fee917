package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.store.PostgresCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/evidence-store/demo.sh on the packaged CLI, on both back ends: four stages on fresh runners
 * whose evidence is found in the store, every decision in the log, then an edited decision, a deleted
 * one and a checkpoint replayed out of order, each caught by audit verify with its reason. The script
 * checks its exit codes itself; this also checks what it printed, so a script that stopped checking
 * would not pass.
 */
class EvidenceStoreDemoIT {
    private static final String DEMO = PackagedCli.ROOT.resolve("examples/evidence-store/demo.sh").toString();

    @Test
    void theDemoOnAFolderStore() throws Exception {
        String out = run(List.of("bash", DEMO), Map.of());
        assertThat(out).contains("store: ", "(folder)");
        check(out);
    }

    @Test
    void theDemoOnPostgres() throws Exception {
        PostgresCluster cluster = PostgresCluster.get(); // skipped with one line when PostgreSQL is not installed
        String location = cluster.location(cluster.newDatabase());
        String out = run(List.of("bash", DEMO, location), Map.of("PGPASSWORD", PostgresCluster.PASSWORD));
        assertThat(out).contains("store: " + location + " (postgresql)");
        check(out);
    }

    private static String run(List<String> command, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PROVENANT_STORE_URL", null);
        env.put("PROVENANT_STORE_PASSWORD_FILE", null);
        PackagedCli run = PackagedCli.run(300, env, command);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }

    private static void check(String out) {
        // every stage on its own runner, holding the artifact and its own key only
        assertThat(out).contains("stage on a fresh runner: build (build-gate.key builder.key keys policy.yaml )",
                "stage on a fresh runner: test (app-1.0.jar keys policy.yaml test-gate.key tester.key )",
                "stage on a fresh runner: staging (app-1.0.jar keys policy.yaml staging-gate.key )",
                "stage on a fresh runner: production (app-1.0.jar keys policy.yaml production-gate.key )");
        // the evidence came from the store, and each decision went to the log
        assertThat(out).contains("Stored in ", "PASS provenance.signers: 1 of 1 required distinct signer(s) (builder)",
                "PASS tests.signers: 1 of 1 required distinct signer(s) (test-runner)");
        assertThat(out).containsPattern("PASS previous-stage-vsa: store:sha256:[0-9a-f]{64} is a PASSED VSA of stage build")
                .containsPattern("PASS previous-stage-vsa: store:sha256:[0-9a-f]{64} is a PASSED VSA of stage test")
                .containsPattern("PASS previous-stage-vsa: store:sha256:[0-9a-f]{64} is a PASSED VSA of stage staging");
        for (String stage : List.of("build", "test", "staging", "production")) {
            assertThat(out).contains("promoted to " + stage + "; VSA stored in ");
            assertThat(out).containsPattern("\\d+  \\S+  " + stage + "  passed  sha256:");
        }
        assertThat(out).containsPattern("decision recorded as leaf \\d+ of the decision log of ");
        assertThat(out).contains("4 decisions, every one included in the checkpoint of size 4");

        assertThat(section(out, "TAMPER: the test decision")).contains("-> exit 1 as expected")
                .containsPattern("leaf \\d+ was edited, deleted or reordered: the stored leaves do not have the signed root of checkpoint");
        assertThat(section(out, "TAMPER: the staging decision")).contains("-> exit 1 as expected").containsPattern("leaf \\d+ missing");
        assertThat(section(out, "TAMPER: the checkpoint of tree size")).contains("-> exit 1 as expected")
                .containsPattern("comes after the checkpoint of size \\d+: checkpoints were replayed or reordered");
        // each tampering undone, the log verifies again, and at last against the published checkpoint
        assertThat(out.split("-> exit 1 as expected", -1)).hasSize(4);
        assertThat(out).contains("consistent with published.checkpoint",
                "Evidence-store demo complete: four stages on fresh runners, every decision in the log, every tampering caught.");
        assertThat(out).doesNotContain("!! ", "FAILED");
    }

    /** The output from the step whose title starts with {@code title} up to the next TAMPER step or the end. */
    private static String section(String out, String title) {
        int start = out.indexOf("==> " + title);
        assertThat(start).as("step '%s' in%n%s", title, out).isNotNegative();
        int end = out.indexOf("==> TAMPER", start + 1);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
