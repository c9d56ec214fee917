package dev.provenant.attest.bundle;

import dev.provenant.attest.json.Base64Text;

/** A DER-encoded RFC 3161 TimeStampResponse token over the signature. */
public record Rfc3161Timestamp(String signedTimestamp) {
    public Rfc3161Timestamp {
        Base64Text.require("rfc3161 signedTimestamp", signedTimestamp);
    }

    public byte[] der() {
        return Base64Text.decode("rfc3161 signedTimestamp", signedTimestamp);
    }
}
