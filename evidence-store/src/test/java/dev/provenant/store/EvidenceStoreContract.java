package dev.provenant.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.signer.Signer;
import dev.provenant.tlog.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every back end's decision log must do, and the tampering {@code audit verify} must catch when
 * someone with full access to the storage, but not the gate key, changes it. Each back end tampers
 * with its own storage directly (SQL, files).
 */
abstract class EvidenceStoreContract {
    Signer gate;
    NoteSigner notes;
    List<PublicKey> keys;

    /** A new, empty store. Called once per test; may be called again to reopen the same store. */
    abstract EvidenceStore store() throws Exception;

    /** Replaces leaf {@code index}'s stored bytes. */
    abstract void editLeaf(long index, byte[] content) throws Exception;

    abstract void deleteLeaf(long index) throws Exception;

    /** Swaps the stored bytes of two leaves. */
    abstract void swapLeaves(long a, long b) throws Exception;

    /** Stores a copy of the checkpoint of {@code treeSize} again, after every other. */
    abstract void replayCheckpoint(long treeSize) throws Exception;

    /** Deletes leaf {@code from} and every later leaf, with their checkpoints. */
    abstract void truncate(long from) throws Exception;

    @BeforeEach
    void keys() throws Exception {
        gate = TestEvidence.gateKey();
        notes = GateNotes.signer(gate);
        keys = List.of(gate.publicKey());
    }

    static byte[] decision(int i) {
        return ("{\"decision\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    static List<String> subjects(int i) {
        return List.of(TestEvidence.sha256("artifact " + (i % 3)).toString());
    }

    DecisionLog logOf(EvidenceStore store, int leaves) throws Exception {
        DecisionLog log = new DecisionLog(store);
        for (int i = 0; i < leaves; i++) {
            assertThat(log.append(decision(i), subjects(i), notes).index()).isEqualTo(i);
        }
        return log;
    }

    @Test
    void appendedLogVerifiesAndEachTreeSizeHasOneCheckpoint() throws Exception {
        try (EvidenceStore store = store()) {
            DecisionLog log = logOf(store, 7);
            AuditReport report = log.verify(keys, Optional.empty());
            assertThat(report.problems()).isEmpty();
            assertThat(report.leaves()).isEqualTo(7);
            assertThat(report.verifiedSize()).isEqualTo(7);
            assertThat(store.checkpoints()).extracting(EvidenceStore.StoredCheckpoint::treeSize)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(store.decisionsFor(subjects(1).get(0))).containsExactly(1L, 4L);
            assertThat(store.leaf(3)).hasValueSatisfying(l -> assertThat(l).isEqualTo(decision(3)));
        }
    }

    @Test
    void anotherKeyVerifiesNothing() throws Exception {
        try (EvidenceStore store = store()) {
            DecisionLog log = logOf(store, 3);
            AuditReport report = log.verify(List.of(TestEvidence.gateKey().publicKey()), Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).message()).contains("not signed by any of the given gate keys");
        }
    }

    @Test
    void anEditedLeafIsNamed() throws Exception {
        try (EvidenceStore store = store()) {
            logOf(store, 6);
            editLeaf(3, "{\"decision\":\"passed after all\"}".getBytes(StandardCharsets.UTF_8));
            AuditReport report = new DecisionLog(store).verify(keys, Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).leaf()).hasValue(3);
            assertThat(report.problems().get(0).message()).startsWith("leaf 3 was edited, deleted or reordered");
        }
    }

    @Test
    void aDeletedLeafIsNamed() throws Exception {
        try (EvidenceStore store = store()) {
            logOf(store, 6);
            deleteLeaf(2);
            AuditReport report = new DecisionLog(store).verify(keys, Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).leaf()).hasValue(2);
            // the checkpoint the deleted leaf ended may be gone with it (a folder keeps them together)
            assertThat(report.problems()).anySatisfy(p -> assertThat(p.message())
                    .containsPattern("^(leaf 2|one of leaves 2 to \\d+) was edited, deleted or reordered"));
            // a later checkpoint sees one leaf fewer: it must not blame the last leaf, which is intact
            assertThat(report.problems()).noneSatisfy(p -> assertThat(p.message()).contains("leaf 5 deleted"));
        }
    }

    @Test
    void reorderedLeavesAreNamed() throws Exception {
        try (EvidenceStore store = store()) {
            logOf(store, 6);
            swapLeaves(1, 4);
            AuditReport report = new DecisionLog(store).verify(keys, Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).leaf()).hasValue(1);
        }
    }

    @Test
    void aCheckpointReplayedOutOfOrderIsFound() throws Exception {
        try (EvidenceStore store = store()) {
            logOf(store, 5);
            replayCheckpoint(2);
            AuditReport report = new DecisionLog(store).verify(keys, Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).message()).contains("replayed or reordered");
        }
    }

    @Test
    void aCutTailIsFoundAgainstACheckpointKeptElsewhere() throws Exception {
        try (EvidenceStore store = store()) {
            DecisionLog log = logOf(store, 6);
            String published = log.latestCheckpoint().orElseThrow();
            truncate(4);
            // the stored log alone still holds together: only a checkpoint kept elsewhere shows the cut
            assertThat(log.verify(keys, Optional.empty()).ok()).isTrue();
            AuditReport report = log.verify(keys, Optional.of(published));
            assertThat(report.ok()).isFalse();
            assertThat(report.problems().get(0).leaf()).hasValue(4);
            assertThat(report.problems().get(0).message()).contains("leaf 4 to 5 deleted");
        }
    }

    @Test
    void aLogThatGrewSinceAPublishedCheckpointIsConsistentWithIt() throws Exception {
        try (EvidenceStore store = store()) {
            DecisionLog log = logOf(store, 3);
            String published = log.latestCheckpoint().orElseThrow();
            log.append(decision(3), subjects(3), notes);
            log.append(decision(4), subjects(4), notes);
            assertThat(log.verify(keys, Optional.of(published)).problems()).isEmpty();
        }
    }

    @Test
    void anAppendOverATamperedLogIsRefusedAndWritesNothing() throws Exception {
        try (EvidenceStore store = store()) {
            DecisionLog log = logOf(store, 4);
            deleteLeaf(1);
            int stored = store.checkpoints().size();
            assertThatThrownBy(() -> log.append(decision(9), subjects(9), notes)).isInstanceOf(LogRefusedException.class)
                    .hasMessageContaining("audit verify");
            assertThat(store.checkpoints()).hasSize(stored);
            assertThat(store.leaf(4)).isEmpty();
        }
    }

    @Test
    void concurrentAppendersMakeOneConsistentLog() throws Exception {
        int threads = 6;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try (EvidenceStore first = store()) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    List<Long> indices = new ArrayList<>();
                    try (EvidenceStore own = reopen()) {
                        DecisionLog log = new DecisionLog(own);
                        for (int i = 0; i < each; i++) {
                            indices.add(log.append(decision(id * 1000 + i), subjects(i), notes).index());
                        }
                    }
                    return indices;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
            AuditReport report = new DecisionLog(first).verify(keys, Optional.empty());
            assertThat(report.problems()).isEmpty();
            assertThat(report.verifiedSize()).isEqualTo(threads * each);
            assertThat(first.checkpoints()).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bundlesAreFoundByEverySubjectPredicateTypeAndSigner() throws Exception {
        dev.provenant.attest.digest.Digest app = TestEvidence.sha256("app.jar");
        dev.provenant.attest.digest.Digest lib = TestEvidence.sha256("lib.jar");
        byte[] provenance = TestEvidence.attestation("https://slsa.dev/provenance/v1", "builder", app, lib);
        byte[] tests = TestEvidence.attestation("https://in-toto.io/attestation/test-result/v0.1", "tester", app);
        byte[] signature = TestEvidence.messageSignature("builder", app);
        try (EvidenceStore store = store()) {
            StoredBundle stored = store.put(provenance);
            assertThat(store.put(provenance)).isEqualTo(stored);
            store.put(tests);
            store.put(signature);
            assertThat(stored.subjects()).containsExactlyInAnyOrder(app.toString(), lib.toString());
            assertThat(store.find(app.toString(), Optional.empty(), Optional.empty())).hasSize(3);
            assertThat(store.find(lib.toString(), Optional.empty(), Optional.empty())).extracting(StoredBundle::digest)
                    .containsExactly(stored.digest());
            assertThat(store.find(app.toString(), Optional.of("https://slsa.dev/provenance/v1"), Optional.empty()))
                    .extracting(StoredBundle::digest).containsExactly(stored.digest());
            assertThat(store.find(app.toString(), Optional.empty(), Optional.of("key:tester"))).hasSize(1);
            assertThat(store.find(TestEvidence.sha256("other").toString(), Optional.empty(), Optional.empty())).isEmpty();
            assertThat(store.bundle(stored.digest().toString())).hasValueSatisfying(b -> assertThat(b).isEqualTo(provenance));
            assertThat(store.bundle(TestEvidence.sha256("none").toString())).isEmpty();
        }
        try (EvidenceStore again = reopen()) {
            assertThat(again.find(app.toString(), Optional.empty(), Optional.of("key:builder"))).hasSize(2);
        }
    }

    /** Another handle on the store {@link #store()} made last (another connection, another open of the folder). */
    abstract EvidenceStore reopen() throws Exception;
}
