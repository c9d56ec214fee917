package dev.provenant.attest.bundle;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The RFC 3161 timestamps of a bundle; each token appears once. */
public record TimestampVerificationData(List<Rfc3161Timestamp> rfc3161Timestamps) {
    public TimestampVerificationData {
        rfc3161Timestamps = rfc3161Timestamps == null ? List.of() : List.copyOf(rfc3161Timestamps);
        if (rfc3161Timestamps.size() > Bundle.MAX_TIMESTAMPS) {
            throw new IllegalArgumentException("timestampVerificationData has " + rfc3161Timestamps.size()
                    + " rfc3161Timestamps; at most " + Bundle.MAX_TIMESTAMPS + " are read");
        }
        // A repeated token adds no evidence and would cost another full verification.
        Set<ByteBuffer> seen = new HashSet<>();
        for (Rfc3161Timestamp timestamp : rfc3161Timestamps) {
            if (timestamp == null) {
                throw new IllegalArgumentException("an rfc3161 timestamp is null");
            }
            if (!seen.add(ByteBuffer.wrap(timestamp.der()))) {
                throw new IllegalArgumentException("duplicate rfc3161 timestamp: the same signedTimestamp appears more than once");
            }
        }
    }
}
