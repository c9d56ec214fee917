package dev.provenant.attest.bundle;

import dev.provenant.attest.json.Base64Text;

/** A Rekor v1 signed entry timestamp (SET): the log signature promising inclusion. */
public record InclusionPromise(String signedEntryTimestamp) {
    public InclusionPromise {
        Base64Text.require("inclusionPromise.signedEntryTimestamp", signedEntryTimestamp);
    }

    public byte[] signedEntryTimestampBytes() {
        return Base64Text.decode("inclusionPromise.signedEntryTimestamp", signedEntryTimestamp);
    }
}
