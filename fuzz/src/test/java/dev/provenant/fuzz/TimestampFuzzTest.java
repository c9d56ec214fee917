package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.trust.TrustedRoot;

/**
 * An RFC 3161 timestamp (a TimeStampResp or a bare TimeStampToken) as a bundle stores it, verified against
 * the stack's timestamp authority over the fixture DSSE bundle's signature.
 */
class TimestampFuzzTest {
    private static final TrustedRoot ROOT = Fixtures.trustedRoot();
    private static final Rfc3161TimestampVerifier VERIFIER = new Rfc3161TimestampVerifier();
    private static final byte[] SIGNATURE = signature();

    private static byte[] signature() {
        Bundle bundle = Fixtures.bundle(Fixtures.DSSE_BUNDLE);
        return bundle.dsseEnvelope().signatures().get(0).signatureBytes();
    }

    @FuzzTest(maxDuration = "5s")
    void timestamp(byte[] input) throws Exception {
        Outcome.expect(() -> VERIFIER.verify(input, SIGNATURE, ROOT), VerificationException.class);
    }
}
