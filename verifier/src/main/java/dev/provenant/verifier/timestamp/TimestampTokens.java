package dev.provenant.verifier.timestamp;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Reads the bytes a bundle stores as {@code signedTimestamp}. Clients write the whole
 * TimeStampResp (RFC 3161 section 2.4.2); a bare TimeStampToken is accepted too, as other verifiers do.
 */
final class TimestampTokens {
    private TimestampTokens() {}

    static TimeStampToken read(byte[] der) throws VerificationException {
        if (der == null || der.length == 0) {
            // Bouncy Castle reads no bytes as no object, then fails on the null it made
            throw new VerificationException(Check.TIMESTAMP, "RFC 3161 timestamp is empty");
        }
        try {
            TimeStampResponse response = new TimeStampResponse(der);
            int status = response.getStatus();
            // 0 granted, 1 grantedWithMods: the only statuses that carry a token.
            if (status != 0 && status != 1) {
                throw new VerificationException(Check.TIMESTAMP, "timestamp response has status " + status + ", not granted");
            }
            if (response.getTimeStampToken() == null) {
                throw new VerificationException(Check.TIMESTAMP, "timestamp response holds no token");
            }
            return response.getTimeStampToken();
        } catch (TSPException | IOException | RuntimeException notAResponse) {
            // Bouncy Castle's readers answer malformed ASN.1 with any of IllegalArgumentException,
            // IllegalStateException, ClassCastException and NullPointerException: all are "not this structure"
            try {
                return new TimeStampToken(new CMSSignedData(der));
            } catch (TSPException | IOException | CMSException | RuntimeException e) {
                throw new VerificationException(Check.TIMESTAMP, "RFC 3161 timestamp is neither a TimeStampResp nor a TimeStampToken");
            }
        }
    }
}
