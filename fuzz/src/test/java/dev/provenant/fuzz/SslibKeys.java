package dev.provenant.fuzz;

import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The securesystemslib public keys of the fixture links (committed beside the seeds). */
final class SslibKeys {
    private SslibKeys() {}

    static List<SslibPublicKey> fixtureKeys() {
        try {
            return List.of(
                    SslibPublicKey.parse(text("rsa.pub"), SslibScheme.RSASSA_PSS_SHA256),
                    SslibPublicKey.parse(text("ed25519.pub"), SslibScheme.RSASSA_PSS_SHA256),
                    SslibPublicKey.parse(text("ecdsa.pub"), SslibScheme.RSASSA_PSS_SHA256));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String text(String name) {
        return new String(Fixtures.bytes(name), StandardCharsets.UTF_8);
    }
}
