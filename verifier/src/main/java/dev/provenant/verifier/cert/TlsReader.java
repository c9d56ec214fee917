package dev.provenant.verifier.cert;

import java.util.Arrays;

/**
 * Reads the TLS presentation language (RFC 5246 section 4) that SCTs are written in: big-endian
 * integers and length-prefixed byte vectors. Running past the end is an {@link IllegalArgumentException}.
 */
final class TlsReader {
    private final byte[] data;
    private int position;

    TlsReader(byte[] data) {
        this.data = data;
    }

    int uint8() {
        return (int) uint(1);
    }

    int uint16() {
        return (int) uint(2);
    }

    /** A uint64 that must fit a Java long (an SCT timestamp in milliseconds does). */
    long uint64() {
        long value = uint(8);
        if (value < 0) {
            throw new IllegalArgumentException("a uint64 is beyond 2^63-1");
        }
        return value;
    }

    byte[] bytes(int length) {
        if (length > remaining()) {
            throw new IllegalArgumentException("a field runs past the end of its data");
        }
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /** An {@code opaque<0..2^16-1>}: a two-byte length, then that many bytes. */
    byte[] vector16() {
        return bytes(uint16());
    }

    int remaining() {
        return data.length - position;
    }

    private long uint(int size) {
        if (size > remaining()) {
            throw new IllegalArgumentException("a field runs past the end of its data");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (data[position++] & 0xff);
        }
        return value;
    }
}
