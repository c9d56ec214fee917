package dev.provenant.store;

import dev.provenant.store.AuditReport.Problem;
import dev.provenant.tlog.Checkpoint;
import dev.provenant.tlog.ConsistencyProof;
import dev.provenant.tlog.InclusionProof;
import dev.provenant.tlog.MerkleHashes;
import dev.provenant.tlog.MerkleTree;
import dev.provenant.tlog.NoteSigner;
import dev.provenant.tlog.SignedNote;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tamper-evident log of gate decisions over an {@link EvidenceStore}: each decision is a leaf of an
 * RFC 6962 Merkle tree, and each append stores, in the same atomic step, a checkpoint of the tree it ends,
 * signed by the deciding gate's key. So every tree size has exactly one checkpoint, and
 * {@link #verify} can tell a leaf edited, removed or reordered by the first checkpoint whose root the
 * stored leaves no longer have, without trusting anything the store says but the signatures.
 */
public final class DecisionLog {
    /** The origin line of every checkpoint of a decision log. */
    public static final String ORIGIN = "provenant.dev/decisions";
    /** The most bytes one decision leaf may have. */
    public static final int MAX_LEAF = 1 << 20;
    /** At most this many problems are listed; the first is the one to act on. */
    static final int MAX_PROBLEMS = 50;

    private final EvidenceStore store;

    public DecisionLog(EvidenceStore store) {
        this.store = store;
    }

    /** Where a leaf went, and the signed checkpoint of the tree it ends. */
    public record Appended(long index, String checkpoint) {}

    /**
     * Appends a decision and signs the checkpoint of the tree it ends. Refused, with nothing written,
     * when the stored log does not have its last checkpoint's root at that checkpoint's size, or holds
     * leaves no checkpoint covers: signing over that would vouch for whatever changed it.
     */
    public Appended append(byte[] leaf, List<String> subjects, NoteSigner gate) throws StoreException {
        if (leaf.length > MAX_LEAF) {
            throw new IllegalArgumentException("a decision has at most " + MAX_LEAF + " bytes, not " + leaf.length);
        }
        byte[] leafHash = MerkleHashes.leafHash(leaf);
        return store.appendLocked(tail -> {
            MerkleTree tree = new MerkleTree();
            for (byte[] h : tail.leafHashes()) {
                tree.appendLeafHash(h);
            }
            Optional<String> last = tail.lastCheckpoint();
            if (last.isPresent()) {
                Checkpoint signed;
                try {
                    signed = Checkpoint.ofNote(last.get());
                } catch (IllegalArgumentException e) {
                    throw new LogRefusedException("the decision log's last checkpoint in " + store.name() + " is unreadable ("
                            + e.getMessage() + "); run provenant audit verify");
                }
                if (signed.size() != tree.size()) {
                    throw new LogRefusedException("the decision log in " + store.name() + " holds " + tree.size()
                            + " leaves but its last checkpoint covers " + signed.size() + "; run provenant audit verify");
                }
                if (!MessageDigest.isEqual(tree.root(), signed.rootHash())) {
                    throw new LogRefusedException("the decision log in " + store.name() + " no longer has the root of its last"
                            + " checkpoint (size " + signed.size() + "); run provenant audit verify");
                }
            } else if (tree.size() != 0) {
                throw new LogRefusedException("the decision log in " + store.name() + " holds " + tree.size()
                        + " leaves and no checkpoint; run provenant audit verify");
            }
            long index = tree.appendLeafHash(leafHash);
            String note;
            try {
                note = SignedNote.sign(new Checkpoint(ORIGIN, index + 1, tree.root()), gate);
            } catch (GeneralSecurityException e) {
                throw new StoreException("the gate key could not sign the decision log's checkpoint: " + e.getMessage(), e);
            }
            tail.write(index, leaf, leafHash, subjects, index + 1, note);
            return new Appended(index, note);
        });
    }

    /** The latest stored checkpoint, as stored (unverified). */
    public Optional<String> latestCheckpoint() throws StoreException {
        List<EvidenceStore.StoredCheckpoint> all = store.checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).note());
    }

    /**
     * Checks the whole log: every stored leaf is hashed afresh; every stored checkpoint must be signed by
     * one of {@code gateKeys}, come after a smaller one, and be the root of the leaves stored before it
     * (which, checkpoint by checkpoint, proves each consistent with the one before); every leaf must
     * be covered by a checkpoint and proved included in the latest; and with {@code since}, a checkpoint kept
     * elsewhere, the latest must be proved consistent with it, which catches a tail that was cut together
     * with its checkpoints.
     */
    public AuditReport verify(List<PublicKey> gateKeys, Optional<String> since) throws StoreException {
        List<Problem> problems = new ArrayList<>();
        MerkleTree tree = new MerkleTree();
        long[] expected = {0};
        store.forEachLeaf((index, content) -> {
            if (index != expected[0]) {
                add(problems, index > expected[0] ? expected[0] : index, index > expected[0]
                        ? "leaf " + expected[0] + (index - 1 > expected[0] ? " to " + (index - 1) : "") + " missing: the stored leaves go from "
                                + (expected[0] - 1) + " to " + index
                        : "leaf " + index + " is stored out of order");
            }
            expected[0] = index + 1;
            tree.appendLeafHash(MerkleHashes.leafHash(content));
        });
        long n = tree.size();
        long lastSize = -1;
        long goodSize = 0;
        byte[] goodRoot = MerkleHashes.emptyRoot();
        String goodNote = null;
        boolean diverged = false;
        for (EvidenceStore.StoredCheckpoint stored : store.checkpoints()) {
            String where = "checkpoint " + stored.position() + " (tree size " + stored.treeSize() + ")";
            Checkpoint cp;
            try {
                cp = Checkpoint.ofNote(stored.note());
            } catch (IllegalArgumentException e) {
                add(problems, null, where + " is unreadable: " + e.getMessage());
                continue;
            }
            if (!ORIGIN.equals(cp.origin())) {
                add(problems, null, where + " is of log '" + cp.origin() + "', not '" + ORIGIN + "'");
                continue;
            }
            if (!GateNotes.signedByOneOf(stored.note(), gateKeys)) {
                add(problems, cp.size() > 0 ? cp.size() - 1 : null, where + " is not signed by any of the given gate keys");
                continue;
            }
            if (cp.size() != stored.treeSize()) {
                add(problems, null, where + " is stored for size " + stored.treeSize() + " but signs size " + cp.size());
            }
            if (cp.size() <= lastSize) {
                add(problems, cp.size() > 0 ? cp.size() - 1 : null, where + " comes after the checkpoint of size " + lastSize
                        + ": checkpoints were replayed or reordered");
                continue;
            }
            lastSize = cp.size();
            if (cp.size() > n) {
                long missing = cp.size() - n;
                // with every earlier checkpoint intact the first n leaves are, so the missing ones were the last;
                // after a divergence they may have come from anywhere, and the first problem says where
                add(problems, diverged ? null : n, where + " covers " + cp.size() + " leaves but " + n + " are stored: "
                        + (diverged ? missing + (missing == 1 ? " leaf" : " leaves")
                                : "leaf " + n + (cp.size() - 1 > n ? " to " + (cp.size() - 1) : "")) + " deleted");
                continue;
            }
            if (!MessageDigest.isEqual(tree.rootAt(cp.size()), cp.rootHash())) {
                if (diverged) {
                    // every later checkpoint fails for the same change; the first names it
                    continue;
                }
                diverged = true;
                String leaves = cp.size() - goodSize == 1 ? "leaf " + goodSize : "one of leaves " + goodSize + " to " + (cp.size() - 1);
                add(problems, goodSize, leaves + " was edited, deleted or reordered: the stored leaves do not have the signed root of "
                        + where);
                continue;
            }
            ConsistencyProof proof = tree.consistencyProof(goodSize, cp.size());
            if (!proof.verify(goodRoot, cp.rootHash())) {
                add(problems, goodSize, where + " is not consistent with the checkpoint of size " + goodSize);
                continue;
            }
            goodSize = cp.size();
            goodRoot = cp.rootHash();
            goodNote = stored.note();
        }
        if (goodSize < n && problems.isEmpty()) {
            add(problems, goodSize, "leaf " + goodSize + (n - 1 > goodSize ? " to " + (n - 1) : "")
                    + " not covered by any signed checkpoint: added behind the log's back, or an append did not finish");
        }
        for (long i = 0; i < goodSize; i++) {
            InclusionProof p = tree.inclusionProof(i, goodSize);
            if (!included(tree.leafHash(i), p, goodRoot)) {
                add(problems, i, "leaf " + i + " is not included in the checkpoint of size " + goodSize);
                break;
            }
        }
        if (since.isPresent()) {
            checkSince(since.get(), gateKeys, tree, goodSize, goodRoot, problems);
        }
        return new AuditReport(n, goodSize, Optional.ofNullable(goodNote), problems);
    }

    private static void checkSince(String note, List<PublicKey> gateKeys, MerkleTree tree, long goodSize, byte[] goodRoot,
            List<Problem> problems) {
        Checkpoint old;
        try {
            old = Checkpoint.ofNote(note);
        } catch (IllegalArgumentException e) {
            add(problems, null, "the --since checkpoint is unreadable: " + e.getMessage());
            return;
        }
        if (!ORIGIN.equals(old.origin()) || !GateNotes.signedByOneOf(note, gateKeys)) {
            add(problems, null, "the --since checkpoint is not a decision-log checkpoint signed by any of the given gate keys");
            return;
        }
        if (old.size() > goodSize) {
            add(problems, goodSize, "the --since checkpoint covers " + old.size() + " leaves but the log's latest verified checkpoint "
                    + goodSize + ": leaf " + goodSize + (old.size() - 1 > goodSize ? " to " + (old.size() - 1) : "")
                    + " deleted, with the checkpoints after them");
            return;
        }
        ConsistencyProof proof = tree.consistencyProof(old.size(), goodSize);
        if (!proof.verify(old.rootHash(), goodRoot)) {
            add(problems, 0L, "the log is not consistent with the --since checkpoint (size " + old.size() + "): one of leaves 0 to "
                    + (old.size() - 1) + " was changed and its checkpoints rewritten");
        }
    }

    /** RFC 9162 section 2.1.3.2: the leaf hash and the audit path give the root. */
    static boolean included(byte[] leafHash, InclusionProof proof, byte[] root) {
        long fn = proof.leafIndex();
        long sn = proof.treeSize() - 1;
        byte[] r = leafHash;
        for (byte[] p : proof.hashes()) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    private static void add(List<Problem> problems, Long leaf, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(leaf == null ? OptionalLong.empty() : OptionalLong.of(leaf), message));
        }
    }
}
