package dev.provenant.attest.bundle;

import java.util.List;

public record TimestampVerificationData(List<Rfc3161Timestamp> rfc3161Timestamps) {
    public TimestampVerificationData {
        rfc3161Timestamps = rfc3161Timestamps == null ? List.of() : List.copyOf(rfc3161Timestamps);
        if (rfc3161Timestamps.size() > Bundle.MAX_TIMESTAMPS) {
            throw new IllegalArgumentException("timestampVerificationData has " + rfc3161Timestamps.size()
                    + " rfc3161Timestamps; at most " + Bundle.MAX_TIMESTAMPS + " are read");
        }
    }
}
