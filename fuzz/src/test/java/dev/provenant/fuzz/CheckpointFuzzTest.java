package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.InclusionProof;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.tlog.Checkpoint;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.trust.TransparencyLog;
import dev.provenant.verifier.trust.TrustedRoot;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * A checkpoint (a C2SP signed note): the verifier checks it against the log of a Rekor v1 and of a Rekor v2
 * fixture entry, and the log reads its text as a checkpoint.
 */
class CheckpointFuzzTest {
    private static final Class<?> ENTRY_TYPE = Internals.type("dev.provenant.verifier.tlog.EntryType");
    private static final MethodHandle VERIFY = Internals.method("dev.provenant.verifier.tlog.CheckpointVerifier", "verify",
            String.class, InclusionProof.class, TransparencyLog.class, PublicKey.class, ENTRY_TYPE, SignatureVerifier.class);
    private static final SignatureVerifier SIGNATURES = new SignatureVerifier();
    private static final Against V1 = against(Fixtures.MESSAGE_BUNDLE, "HASHEDREKORD_V001");
    private static final Against V2 = against(Fixtures.DSSE_BUNDLE, "DSSE_V002");

    private record Against(InclusionProof proof, TransparencyLog log, PublicKey key, Object type) {}

    private static Against against(String bundleName, String type) {
        try {
            TrustedRoot root = Fixtures.trustedRoot();
            Bundle bundle = Fixtures.bundle(bundleName);
            TransparencyLogEntry entry = bundle.verificationMaterial().tlogEntries().get(0);
            TransparencyLog log = root.tlogById(entry.logId().keyIdBytes()).orElseThrow();
            return new Against(entry.inclusionProof(), log, log.publicKey().toPublicKey(), RekorBodies.type(type));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void checkpoint(byte[] input) throws Exception {
        String note = new String(input, StandardCharsets.UTF_8);
        for (Against a : new Against[] {V1, V2}) {
            Outcome.expect(() -> Internals.call(VERIFY, note, a.proof(), a.log(), a.key(), a.type(), SIGNATURES),
                    VerificationException.class);
        }
        // documented: IllegalArgumentException when the note has no checkpoint text
        Outcome.expect(() -> Checkpoint.ofNote(note).text(), IllegalArgumentException.class);
    }
}
