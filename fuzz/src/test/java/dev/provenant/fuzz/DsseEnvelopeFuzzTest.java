package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.dsse.Envelope;

/** A DSSE envelope as a bundle or a {@code .intoto.jsonl} line holds it. */
class DsseEnvelopeFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void envelope(byte[] input) throws Exception {
        Outcome.expect(() -> {
            Envelope envelope = Envelope.parse(input);
            envelope.pae();
        }, FormatException.class);
    }
}
