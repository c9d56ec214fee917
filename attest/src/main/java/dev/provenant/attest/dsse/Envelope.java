package dev.provenant.attest.dsse;

import java.util.Arrays;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.JsonValue;
import java.util.ArrayList;
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
        byte[] out = new byte[payloadLength()];
        Base64Text.decodeInto("envelope payload", payload, out, 0);
        return out;
    }

    /** The payload's decoded size, counted without decoding it. */
    @JsonIgnore
    public int payloadLength() {
        return Base64Text.decodedLength("envelope payload", payload);
    }

    /**
     * The bytes every signature in this envelope signs, the payload decoded straight into their end
     * (the last {@link #payloadLength()} bytes), so the payload is decoded and held once.
     */
    @JsonIgnore
    public byte[] pae() {
        int length = payloadLength();
        byte[] header = Pae.header(payloadType, length);
        byte[] pae = Arrays.copyOf(header, header.length + length);
        Base64Text.decodeInto("envelope payload", payload, pae, header.length);
        return pae;
    }

    public static Envelope parse(byte[] json) throws FormatException {
        JsonValue root = JsonValue.parse(json, "DSSE envelope");
        if (!root.isObject()) {
            throw new FormatException("DSSE envelope is malformed: not a JSON object");
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new FormatException("DSSE envelope is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope an object of a parsed document holds, or null for null; the record's rules throw
     * {@link IllegalArgumentException}.
     */
    public static Envelope fromJson(JsonValue json) throws FormatException {
        if (json == null) {
            return null;
        }
        List<JsonValue> members = json.objects("signatures");
        List<EnvelopeSignature> signatures = null;
        if (json.hasNonNull("signatures")) {
            signatures = new ArrayList<>(members.size());
            for (JsonValue signature : members) {
                signatures.add(new EnvelopeSignature(signature.text("keyid"), signature.text("sig")));
            }
        }
        return new Envelope(json.text("payload"), json.text("payloadType"), signatures);
    }

    public byte[] toJson() {
        return JsonCodec.write(this);
    }
}
