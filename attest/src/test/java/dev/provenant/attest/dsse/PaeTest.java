package dev.provenant.attest.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {
    @Test
    void matchesTheDsseSpecificationExample() {
        // protocol.md of DSSE v1: PAE("http://example.com/HelloWorld", "hello world")
        byte[] pae = Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8))
                .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void countsBytesNotCharacters() {
        byte[] pae = Pae.encode("t", "é".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 2 é");
    }

    @Test
    void emptyPayload() {
        assertThat(new String(Pae.encode("", new byte[0]), StandardCharsets.UTF_8)).isEqualTo("DSSEv1 0  0 ");
    }
}
