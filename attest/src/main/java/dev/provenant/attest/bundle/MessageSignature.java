package dev.provenant.attest.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.json.Base64Text;

/** A signature over an artifact, with the artifact digest the signer saw. */
@JsonPropertyOrder({"messageDigest", "signature"})
public record MessageSignature(HashOutput messageDigest, String signature) {
    public MessageSignature {
        Base64Text.require("messageSignature.signature", signature);
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("messageSignature.signature is empty");
        }
    }

    public byte[] signatureBytes() {
        return Base64Text.decode("messageSignature.signature", signature);
    }
}
