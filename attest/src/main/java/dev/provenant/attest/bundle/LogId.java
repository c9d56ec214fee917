package dev.provenant.attest.bundle;

import dev.provenant.attest.json.Base64Text;

/** The id of a transparency log: the SHA-256 of its public key (Rekor v1) or its checkpoint key id. */
public record LogId(String keyId) {
    public LogId {
        Base64Text.require("logId.keyId", keyId);
    }

    public byte[] keyIdBytes() {
        return Base64Text.decode("logId.keyId", keyId);
    }
}
