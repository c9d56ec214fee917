package dev.provenant.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.tlog.NoteSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many gates appending at once: {@value #GATES} gates (threads, each with its own connection or handle)
 * append {@value #EACH} decisions each, within {@value #BOUND_SECONDS} s; every decision is in the log
 * once, with one checkpoint per tree size, and the log verifies. Prints appends per second
 * (docs/PERFORMANCE.md records them).
 */
class DecisionLogLoadTest {
    static final int GATES = 8;
    static final int EACH = 500;
    static final int BOUND_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void folder() throws Exception {
        run("folder", () -> FolderStore.open(dir));
    }

    @Test
    void postgres() throws Exception {
        PostgresCluster cluster = PostgresCluster.get();
        String database = cluster.newDatabase();
        run("postgresql", () -> cluster.open(database));
    }

    private void run(String backEnd, Callable<EvidenceStore> open) throws Exception {
        dev.provenant.signer.Signer key = TestEvidence.gateKey();
        NoteSigner signer = GateNotes.signer(key);
        ExecutorService pool = Executors.newFixedThreadPool(GATES);
        List<Future<Integer>> done = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int g = 0; g < GATES; g++) {
                int id = g;
                done.add(pool.submit(() -> {
                    try (EvidenceStore store = open.call()) {
                        DecisionLog log = new DecisionLog(store);
                        for (int i = 0; i < EACH; i++) {
                            log.append(EvidenceStoreContract.decision(id * EACH + i), EvidenceStoreContract.subjects(i), signer);
                        }
                    }
                    return EACH;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(BOUND_SECONDS, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("decision log load, %s: %d gates x %d appends in %.1f s, %.0f appends/s%n", backEnd, GATES, EACH,
                    took.toMillis() / 1000.0, total * 1000.0 / Math.max(1, took.toMillis()));
            assertThat(took).isLessThan(Duration.ofSeconds(BOUND_SECONDS));
            try (EvidenceStore store = open.call()) {
                AuditReport report = new DecisionLog(store).verify(List.of(key.publicKey()), Optional.empty());
                assertThat(report.problems()).isEmpty();
                assertThat(report.leaves()).isEqualTo((long) GATES * EACH);
                assertThat(store.checkpoints()).hasSize(GATES * EACH);
                List<Long> seen = new ArrayList<>();
                store.forEachLeaf((index, content) -> seen.add(index));
                assertThat(seen).doesNotHaveDuplicates().hasSize(GATES * EACH);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
