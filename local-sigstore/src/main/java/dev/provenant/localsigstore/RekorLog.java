package dev.provenant.localsigstore;

import dev.provenant.tlog.AppendOnlyLog;
import dev.provenant.tlog.Checkpoint;
import dev.provenant.tlog.InclusionProof;
import dev.provenant.tlog.NoteSigner;
import dev.provenant.tlog.SignedNote;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/**
 * One Merkle log behind both Rekor APIs. The v1 API and the v2 API each have their own key, log id and
 * checkpoint origin ({@code HOST - TREE_ID} for v1, {@code HOST} for v2), as the two Rekor generations
 * do, but their entries are leaves of the same tree, so a checkpoint of either covers both.
 */
final class RekorLog implements AutoCloseable {
    /** Appends stop while the log's file system has less than this free, so the log never fills the disk. */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    /** How many bytes the log's file system has free for it; the real one asks the file store. */
    @FunctionalInterface
    interface FreeSpace {
        long usable() throws IOException;
    }

    /** No append: the disk is nearly full. Answered with 507. */
    static final class LogFullException extends IOException {
        LogFullException(long usable) {
            super("the log's disk has " + usable + " bytes free; the log stops taking entries below " + MIN_FREE_BYTES);
        }
    }

    private final AppendOnlyLog log;
    private final FreeSpace freeSpace;
    private final String host;
    private final long treeId;
    private final NoteSigner v1Signer;
    private final NoteSigner v2Signer;

    RekorLog(Path directory, String host, long treeId, KeyPair v1, KeyPair v2) throws IOException {
        this(directory, host, treeId, v1, v2, () -> java.nio.file.Files.getFileStore(directory).getUsableSpace());
    }

    RekorLog(Path directory, String host, long treeId, KeyPair v1, KeyPair v2, FreeSpace freeSpace) throws IOException {
        this.log = AppendOnlyLog.open(directory);
        this.freeSpace = freeSpace;
        this.host = host;
        this.treeId = treeId;
        this.v1Signer = NoteSigner.ecdsa(host, v1.getPrivate(), v1.getPublic());
        this.v2Signer = NoteSigner.ecdsa(host, v2.getPrivate(), v2.getPublic());
        if (log.size() == 0) {
            // Leaf 0 names the log. Sigstore clients treat a zero log index and an empty audit path as
            // missing fields when they write bundles, so no signed entry may be leaf 0 or alone in the tree.
            log.append(("{\"genesis\":\"" + host + " - " + treeId + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** An appended entry with the proof of its inclusion in the tree as it stood right after, and that tree's signed checkpoint. */
    record Appended(long index, InclusionProof proof, byte[] rootHash, String checkpoint) {}

    String v1Origin() {
        return host + " - " + treeId;
    }

    long treeId() {
        return treeId;
    }

    Appended appendV1(byte[] body) throws IOException, GeneralSecurityException {
        return append(body, v1Origin(), v1Signer);
    }

    Appended appendV2(byte[] body) throws IOException, GeneralSecurityException {
        return append(body, host, v2Signer);
    }

    private synchronized Appended append(byte[] body, String origin, NoteSigner signer) throws IOException, GeneralSecurityException {
        long usable = freeSpace.usable();
        if (usable - body.length < MIN_FREE_BYTES) {
            throw new LogFullException(usable);
        }
        long index = log.append(body);
        long size = log.size();
        String note = log.signCheckpoint(origin, signer);
        return new Appended(index, log.tree().inclusionProof(index, size), log.tree().rootAt(size), note);
    }

    /** The v1 API's signed tree head of the whole tree now. */
    synchronized Appended headV1() throws GeneralSecurityException {
        return head(v1Origin(), v1Signer);
    }

    synchronized Appended headV2() throws GeneralSecurityException {
        return head(host, v2Signer);
    }

    private Appended head(String origin, NoteSigner signer) throws GeneralSecurityException {
        long size = log.size();
        Checkpoint checkpoint = log.checkpoint(origin, size);
        return new Appended(-1, null, checkpoint.rootHash(), SignedNote.sign(checkpoint, signer));
    }

    synchronized long size() {
        return log.size();
    }

    synchronized byte[] rootAt(long size) {
        return log.tree().rootAt(size);
    }

    /** The consistency proof between two sizes of the tree, for monitors that hold an older checkpoint. */
    synchronized dev.provenant.tlog.ConsistencyProof consistency(long oldSize, long newSize) {
        return log.tree().consistencyProof(oldSize, newSize);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
