package dev.provenant.attest.bundle;

import dev.provenant.attest.json.Base64Text;

/** A DER-encoded X.509 certificate, base64 in JSON. */
public record RawCertificate(String rawBytes) {
    public RawCertificate {
        Base64Text.require("certificate rawBytes", rawBytes);
        if (rawBytes.isEmpty()) {
            throw new IllegalArgumentException("certificate rawBytes is empty");
        }
    }

    public byte[] der() {
        return Base64Text.decode("certificate rawBytes", rawBytes);
    }
}
