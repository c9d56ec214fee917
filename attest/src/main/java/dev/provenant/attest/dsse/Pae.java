package dev.provenant.attest.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 Pre-Authentication Encoding: the bytes that are signed, never the payload alone.
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte counts.
 */
public final class Pae {
    private Pae() {}

    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes("DSSEv1 ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(type);
        out.write(' ');
        out.writeBytes(Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
