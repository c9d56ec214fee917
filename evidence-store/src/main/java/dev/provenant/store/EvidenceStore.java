package dev.provenant.store;

import dev.provenant.attest.FormatException;
import java.util.List;
import java.util.Optional;

/**
 * Where a pipeline keeps its evidence between stages that run on different, disposable machines:
 * attestation bundles, found by subject digest, predicate type and signer, and the append-only log of
 * gate decisions. {@link FolderStore} keeps it in a local folder, {@link PostgresStore} in a PostgreSQL
 * database shared by many runners. Neither is trusted: bundles are verified when used, and the decision
 * log is checked by {@link DecisionLog#verify} against checkpoints the gate key signed.
 *
 * <p>The log methods are the raw storage under {@link DecisionLog}, which holds the Merkle logic common
 * to both back ends.
 */
public interface EvidenceStore extends AutoCloseable {
    /** The store as a person would name it in an error: its folder or its database URL (no secret). */
    String name();

    /** Stores a bundle (idempotently: the same bytes are stored once) and returns what it is indexed by. */
    StoredBundle put(byte[] bundle) throws StoreException, FormatException;

    /**
     * The stored bundles with this subject digest ({@code ALGORITHM:HEX}), oldest first, optionally only those
     * of one predicate type or signer.
     */
    List<StoredBundle> find(String subject, Optional<String> predicateType, Optional<String> signer) throws StoreException;

    /** The bytes of the bundle with this SHA-256 digest ({@code sha256:HEX}). */
    Optional<byte[]> bundle(String digest) throws StoreException;

    /**
     * Runs {@code work} with the decision log locked against every other appender (of this process or
     * any other): what it writes through the tail becomes visible all at once, or, when it throws or the
     * connection drops, not at all.
     */
    <T> T appendLocked(Append<T> work) throws StoreException;

    /** Visits every stored leaf in leaf-index order. */
    void forEachLeaf(LeafVisitor visitor) throws StoreException;

    /** Every stored checkpoint note, in the order the appends stored them. */
    List<StoredCheckpoint> checkpoints() throws StoreException;

    /** The indices of the leaves indexed under this subject digest, ascending. */
    List<Long> decisionsFor(String subject) throws StoreException;

    /** The stored bytes of one leaf. */
    Optional<byte[]> leaf(long index) throws StoreException;

    @Override
    void close() throws StoreException;

    /** Work done under the append lock. */
    @FunctionalInterface
    interface Append<T> {
        T run(LogTail tail) throws StoreException;
    }

    /** What an appender sees and writes while it holds the lock. */
    interface LogTail {
        /** The leaf hashes as stored, in leaf-index order (as stored: {@link DecisionLog} checks them). */
        List<byte[]> leafHashes() throws StoreException;

        /** The note of the last stored checkpoint. */
        Optional<String> lastCheckpoint() throws StoreException;

        /** Stores leaf {@code index} with its subjects and the checkpoint of the tree it ends. */
        void write(long index, byte[] leaf, byte[] leafHash, List<String> subjects, long treeSize, String checkpoint)
                throws StoreException;
    }

    @FunctionalInterface
    interface LeafVisitor {
        void leaf(long index, byte[] content) throws StoreException;
    }

    /**
     * One stored checkpoint.
     *
     * @param position where it is in the stored order (0 first)
     * @param treeSize the tree size it was stored for
     * @param note the signed note
     */
    record StoredCheckpoint(long position, long treeSize, String note) {}
}
