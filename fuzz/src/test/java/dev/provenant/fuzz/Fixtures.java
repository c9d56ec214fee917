package dev.provenant.fuzz;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What the targets verify against: the trusted root of an embedded Sigstore stack and two bundles it
 * signed (a message signature logged in Rekor v1 and a DSSE attestation logged in Rekor v2 with an RFC 3161
 * timestamp), all written by {@link SeedCorpusGenerator}.
 */
final class Fixtures {
    private Fixtures() {}

    static final String ARTIFACT = "artifact.txt";
    static final String TRUSTED_ROOT = "trusted_root.json";
    static final String MESSAGE_BUNDLE = "message.sigstore.json";
    static final String DSSE_BUNDLE = "dsse.sigstore.json";

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " is missing; run the seed generator (docs/FUZZING.md)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrustedRoot trustedRoot() {
        try {
            return TrustedRoot.parse(bytes(TRUSTED_ROOT));
        } catch (Exception e) {
            throw new IllegalStateException("the fixture trusted root does not parse", e);
        }
    }

    static Bundle bundle(String name) {
        try {
            return Bundle.parse(bytes(name));
        } catch (Exception e) {
            throw new IllegalStateException("the fixture bundle " + name + " does not parse", e);
        }
    }
}
