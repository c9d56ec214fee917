package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import java.nio.charset.StandardCharsets;

/**
 * A public key file as in-toto takes one: securesystemslib JSON or PEM; its key id computed and the JDK key
 * built from it.
 */
class SslibKeyFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void sslibKey(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        Outcome.expect(() -> {
            SslibPublicKey key = SslibPublicKey.parse(text, SslibScheme.RSASSA_PSS_SHA256);
            key.keyid();
            key.toPublicKey();
        }, FormatException.class);
    }
}
