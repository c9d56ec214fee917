package dev.provenant.verifier.tlog;

import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.trust.TransparencyLog;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the checkpoint an inclusion proof ends in: a signed note by the log, under the log's name
 * and key hint, whose tree size and root hash are the proof's. Signature lines from other names or
 * keys (witness cosignatures) are ignored; a line under the log's name and hint that does not verify
 * fails the check, as a C2SP verifier must.
 */
final class CheckpointVerifier {
    /** Rekor v1 origins read {@code HOST - TREE_ID}; the log signs under {@code HOST}. */
    private static final Pattern REKOR_V1_ORIGIN = Pattern.compile("(\\S+) - (\\d+)");

    private CheckpointVerifier() {}

    static void verify(String envelope, InclusionProof proof, TransparencyLog log, PublicKey logKey, EntryType type,
            SignatureVerifier signatures)
            throws VerificationException {
        SignedNote note;
        TreeHead head;
        try {
            note = SignedNote.parse(envelope);
            head = TreeHead.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw fail("checkpoint is malformed: " + e.getMessage());
        }
        String name;
        int hint;
        if (type.rekorV2()) {
            name = log.hostname().orElseThrow(() -> fail("the trusted root gives log " + log.logId().keyId()
                    + " no baseUrl host, so its checkpoint origin cannot be checked"));
            if (!head.origin().equals(name)) {
                throw fail("checkpoint origin '" + head.origin() + "' is not the log's name '" + name + "'");
            }
            try {
                hint = NoteKeyHint.rekorV2(name, logKey);
            } catch (IllegalArgumentException e) {
                throw new VerificationException(Check.TLOG_KEY, e.getMessage());
            }
        } else {
            Matcher origin = REKOR_V1_ORIGIN.matcher(head.origin());
            if (!origin.matches()) {
                throw fail("checkpoint origin '" + head.origin() + "' is not a Rekor v1 origin 'HOST - TREE_ID'");
            }
            name = origin.group(1);
            hint = NoteKeyHint.rekorV1(logKey);
        }
        List<NoteSignature> bylog = note.signatures().stream()
                .filter(s -> s.name().equals(name) && s.keyHint() == hint)
                .toList();
        if (bylog.isEmpty()) {
            throw fail("checkpoint has no signature by " + name + " with the log key's hint " + String.format("%08x", hint));
        }
        byte[] text = note.textBytes();
        for (NoteSignature signature : bylog) {
            if (!signatures.verifyDerMessage(logKey, text, signature.signature())) {
                throw fail("checkpoint signature by " + name + " does not verify with the log key");
            }
        }
        if (head.size() != proof.treeSize()) {
            throw fail("checkpoint tree size " + head.size() + " is not the inclusion proof's tree size " + proof.treeSize());
        }
        if (!MessageDigest.isEqual(head.rootHash(), proof.rootHashBytes())) {
            throw fail("checkpoint root hash is not the inclusion proof's root hash");
        }
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.TLOG_CHECKPOINT, message);
    }
}
