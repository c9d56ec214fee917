package dev.provenant.attest.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void roundTripsByteStable() throws Exception {
        Envelope e = Envelope.of("application/vnd.in-toto+json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                List.of(new EnvelopeSignature("k1", "c2ln")));
        byte[] json = e.toJson();
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"payload\":\"eyJhIjoxfQ==\",\"payloadType\":\"application/vnd.in-toto+json\","
                        + "\"signatures\":[{\"keyid\":\"k1\",\"sig\":\"c2ln\"}]}");
        assertThat(Envelope.parse(json).toJson()).isEqualTo(json);
        assertThat(Envelope.parse(json).pae()).isEqualTo(Pae.encode("application/vnd.in-toto+json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsMissingSignaturesAndBadBase64() {
        assertThatThrownBy(() -> Envelope.parse("{\"payload\":\"e30=\",\"payloadType\":\"t\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class).hasMessageContaining("no signatures");
        assertThatThrownBy(() -> Envelope.parse("{\"payload\":\"%%%\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"c2ln\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class).hasMessageContaining("base64");
    }

    @Test
    void thePaeHoldsTheOnlyDecodedCopyOfALargePayload() {
        byte[] payload = new byte[6 << 20];
        new java.util.Random(5).nextBytes(payload);
        String type = "application/vnd.in-toto+json";
        String text = java.util.Base64.getEncoder().encodeToString(payload);
        Envelope e = new Envelope(text, type, List.of(new EnvelopeSignature(null, "c2ln")));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] pae = e.pae();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(pae).isEqualTo(Pae.encode(type, payload));
        assertThat(e.payloadLength()).isEqualTo(payload.length);
        // The PAE itself, and little else: no copy of the text, no separate payload array.
        assertThat(allocated).isLessThan(payload.length + (512 << 10));
    }
}
