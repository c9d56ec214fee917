package dev.provenant.attest.dsse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import java.util.List;

/**
 * A DSSE v1 envelope. The payload stays as the base64 text that was read so the bytes that are
 * verified are exactly the bytes that are later parsed; nothing here interprets the payload.
 */
@JsonPropertyOrder({"payload", "payloadType", "signatures"})
public record Envelope(String payload, String payloadType, List<EnvelopeSignature> signatures) {
    public Envelope {
        Base64Text.require("envelope payload", payload);
        if (payloadType == null || payloadType.isEmpty()) {
            throw new IllegalArgumentException("envelope payloadType is missing");
        }
        if (signatures == null || signatures.isEmpty()) {
            throw new IllegalArgumentException("envelope has no signatures");
        }
        signatures = List.copyOf(signatures);
    }

    public static Envelope of(String payloadType, byte[] payload, List<EnvelopeSignature> signatures) {
        return new Envelope(Base64Text.encode(payload), payloadType, signatures);
    }

    @JsonIgnore
    public byte[] payloadBytes() {
        return Base64Text.decode("envelope payload", payload);
    }

    /** The bytes every signature in this envelope signs. */
    @JsonIgnore
    public byte[] pae() {
        return Pae.encode(payloadType, payloadBytes());
    }

    public static Envelope parse(byte[] json) throws FormatException {
        return JsonCodec.read(json, Envelope.class, "DSSE envelope");
    }

    public byte[] toJson() {
        return JsonCodec.write(this);
    }
}
