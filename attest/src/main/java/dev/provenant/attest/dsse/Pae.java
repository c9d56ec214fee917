package dev.provenant.attest.dsse;

import java.util.Arrays;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 Pre-Authentication Encoding: the bytes that are signed, never the payload alone.
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte counts.
 */
public final class Pae {
    private Pae() {}

    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] header = header(payloadType, payload.length);
        byte[] out = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        return out;
    }

    /** Everything before the payload: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP}. */
    public static byte[] header(String payloadType, int payloadLength) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + 32);
        out.writeBytes("DSSEv1 ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(type);
        out.write(' ');
        out.writeBytes(Integer.toString(payloadLength).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        return out.toByteArray();
    }
}
