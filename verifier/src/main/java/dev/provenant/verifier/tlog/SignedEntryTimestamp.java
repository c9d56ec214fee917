package dev.provenant.verifier.tlog;

import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.crypto.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * A Rekor v1 signed entry timestamp: the log's signature over the RFC 8785 canonical JSON of
 * {@code {"body","integratedTime","logID","logIndex"}}. The body is re-encoded from its bytes, so a
 * bundle that spelled it in another base64 alphabet still yields the bytes the log signed.
 */
final class SignedEntryTimestamp {
    private SignedEntryTimestamp() {}

    /**
     * The signed payload. Canonical JSON sorts the keys, and none of the values needs escaping: base64
     * text, lower-case hex and two integers.
     */
    static byte[] payload(TransparencyLogEntry entry) {
        String json = "{\"body\":\"" + Base64Text.encode(entry.canonicalizedBodyBytes())
                + "\",\"integratedTime\":" + entry.integratedTime()
                + ",\"logID\":\"" + HexFormat.of().formatHex(entry.logId().keyIdBytes())
                + "\",\"logIndex\":" + entry.logIndex() + "}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    static void verify(TransparencyLogEntry entry, PublicKey logKey, SignatureVerifier signatures) throws VerificationException {
        byte[] set = entry.inclusionPromise().signedEntryTimestampBytes();
        // ECDSA must be DER, as Rekor writes it.
        if (!signatures.verifyDerMessage(logKey, payload(entry), set)) {
            throw new VerificationException(Check.TLOG_SET,
                    "signed entry timestamp of log entry " + entry.logIndex() + " does not verify with the log key");
        }
    }
}
