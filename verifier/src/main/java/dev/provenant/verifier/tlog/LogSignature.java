package dev.provenant.verifier.tlog;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A signature made by a log's key over whole message bytes (a SET payload, a checkpoint's note text).
 * ECDSA signatures must be ASN.1 DER, as Rekor writes them; no other encoding is tried.
 */
final class LogSignature {
    private LogSignature() {}

    static boolean verifies(PublicKey logKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = SignatureAlgorithm.forKey(logKey).newMessageSignature();
            verifier.initVerify(logKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature or an unusable key verifies nothing.
            return false;
        }
    }
}
