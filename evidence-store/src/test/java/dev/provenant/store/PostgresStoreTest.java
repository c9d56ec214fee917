package dev.provenant.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL back end on a real server, its decision log tampered with in SQL by the database owner. */
class PostgresStoreTest extends EvidenceStoreContract {
    private PostgresCluster cluster;
    private String database;

    @Override
    EvidenceStore store() throws Exception {
        cluster = PostgresCluster.get();
        database = cluster.newDatabase();
        return cluster.open(database);
    }

    @Override
    EvidenceStore reopen() throws Exception {
        return cluster.open(database);
    }

    @Override
    void editLeaf(long index, byte[] content) throws Exception {
        String hex = java.util.HexFormat.of().formatHex(content);
        cluster.sql(database, "UPDATE decision_leaf SET content = '\\x" + hex + "'::bytea WHERE leaf_index = " + index);
    }

    @Override
    void deleteLeaf(long index) throws Exception {
        cluster.sql(database, "DELETE FROM decision_leaf WHERE leaf_index = " + index);
    }

    @Override
    void swapLeaves(long a, long b) throws Exception {
        cluster.sql(database,
                "ALTER TABLE decision_leaf DROP CONSTRAINT decision_leaf_leaf_index_check",
                "ALTER TABLE decision_subject DROP CONSTRAINT decision_subject_leaf_index_fkey",
                "UPDATE decision_leaf SET leaf_index = -1 WHERE leaf_index = " + a,
                "UPDATE decision_leaf SET leaf_index = " + a + " WHERE leaf_index = " + b,
                "UPDATE decision_leaf SET leaf_index = " + b + " WHERE leaf_index = -1");
    }

    @Override
    void replayCheckpoint(long treeSize) throws Exception {
        cluster.sql(database, "UPDATE decision_checkpoint SET position = 1000000 WHERE tree_size = " + treeSize);
    }

    @Override
    void truncate(long from) throws Exception {
        cluster.sql(database, "DELETE FROM decision_checkpoint WHERE tree_size > " + from,
                "DELETE FROM decision_leaf WHERE leaf_index >= " + from);
    }

    @Test
    void migrationsRunOnceAndAChangedOneIsRefused() throws Exception {
        try (EvidenceStore store = store()) {
            logOf(store, 2);
        }
        try (EvidenceStore again = reopen()) {
            assertThat(new DecisionLog(again).verify(keys, Optional.empty()).problems()).isEmpty();
        }
        cluster.sql(database, "UPDATE provenant_schema SET sha256 = 'changed' WHERE version = 1");
        assertThatThrownBy(this::reopen).isInstanceOf(StoreException.class).hasMessageContaining(database)
                .hasMessageContaining("schema migration 1 recorded in the store is not V1__evidence_store.sql");
        cluster.sql(database, "UPDATE provenant_schema SET version = 2 WHERE version = 1");
        assertThatThrownBy(this::reopen).isInstanceOf(StoreException.class).hasMessageContaining("newer than this Provenant");
    }

    @Test
    void aConnectionDroppedMidAppendLeavesTheLogValid() throws Exception {
        try (PostgresStore store = (PostgresStore) store()) {
            DecisionLog log = logOf(store, 3);
            assertThatThrownBy(() -> store.appendLocked(tail -> {
                tail.leafHashes();
                try {
                    // another session ends this one's backend while it holds the lock, as a lost network would
                    cluster.sql(database, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = 'decision_leaf'::regclass"
                            + " AND mode = 'ShareRowExclusiveLock' AND granted");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                tail.write(3, decision(3), dev.provenant.tlog.MerkleHashes.leafHash(decision(3)), subjects(3), 4, "not a note\n");
                return null;
            })).isInstanceOf(StoreException.class).hasMessageContaining(database);
        }
        try (EvidenceStore again = reopen()) {
            DecisionLog log = new DecisionLog(again);
            AuditReport report = log.verify(keys, Optional.empty());
            assertThat(report.problems()).isEmpty();
            assertThat(report.leaves()).isEqualTo(3);
            assertThat(log.append(decision(3), subjects(3), notes).index()).isEqualTo(3);
        }
    }

    @Test
    void anUnreachableStoreIsAStoreExceptionNamingIt() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "postgresql://127.0.0.1:" + port + "/evidence";
        assertThatThrownBy(() -> EvidenceStores.open(url, Map.of())).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + port + "/evidence");
    }

    @Test
    void credentialsComeFromAFileAndNeverFromTheUrl(@TempDir Path dir) throws Exception {
        cluster = PostgresCluster.get();
        database = cluster.newDatabase();
        String url = "postgresql://" + PostgresCluster.USER + "@127.0.0.1:" + cluster.port() + "/" + database;
        assertThatThrownBy(() -> EvidenceStores.open("postgresql://u:secret@127.0.0.1:1/db", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a password").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> EvidenceStores.open(url + "?password=secret", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a password");
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-it\n");
        assertThatThrownBy(() -> EvidenceStores.open(url, Map.of(EvidenceStores.PASSWORD_FILE_VARIABLE, wrong.toString())))
                .isInstanceOf(StoreException.class).hasMessageNotContaining("not-it");
        Path right = Files.writeString(dir.resolve("right"), PostgresCluster.PASSWORD + "\n");
        try (EvidenceStore store = EvidenceStores.open(url, Map.of(EvidenceStores.PASSWORD_FILE_VARIABLE, right.toString()))) {
            assertThat(store.name()).isEqualTo("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + database);
        }
        try (EvidenceStore store = EvidenceStores.open(EvidenceStores.location(null, Map.of(EvidenceStores.URL_VARIABLE, url)).orElseThrow(),
                Map.of("PGPASSWORD", PostgresCluster.PASSWORD))) {
            assertThat(store.checkpoints()).isEmpty();
        }
    }
}
