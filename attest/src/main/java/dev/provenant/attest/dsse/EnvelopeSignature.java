package dev.provenant.attest.dsse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.json.Base64Text;

/** One DSSE signature: the base64 signature over the PAE, and an optional, unauthenticated key hint. */
@JsonPropertyOrder({"keyid", "sig"})
public record EnvelopeSignature(@JsonInclude(JsonInclude.Include.NON_EMPTY) String keyid, String sig) {
    public EnvelopeSignature {
        Base64Text.require("signature sig", sig);
        if (Base64Text.decode("signature sig", sig).length == 0) {
            throw new IllegalArgumentException("signature sig is empty");
        }
    }

    public byte[] signatureBytes() {
        return Base64Text.decode("signature sig", sig);
    }
}
