package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.verifier.check.VerificationException;
import java.lang.invoke.MethodHandle;

/** The embedded SCT list extension (RFC 6962 section 3.3), as the JDK returns its extension value. */
class SctListFuzzTest {
    private static final MethodHandle PARSE = Internals.method("dev.provenant.verifier.cert.SignedCertificateTimestamp",
            "parseEmbedded", byte[].class);

    @FuzzTest(maxDuration = "5s")
    void sctList(byte[] input) throws Exception {
        Outcome.expect(() -> Internals.call(PARSE, (Object) input), VerificationException.class);
    }
}
