package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import java.lang.invoke.MethodHandle;

/** A signing config ({@code signing_config.json}, v0.2) as the keyless signer reads it. */
class SigningConfigFuzzTest {
    private static final MethodHandle READER =
            Internals.method("dev.provenant.keyless.SigningConfigMessages", "parse", byte[].class);

    @FuzzTest(maxDuration = "5s")
    void signingConfig(byte[] input) throws Exception {
        // documented: the direct reader throws on any shape it does not know (FormatException, or
        // IllegalArgumentException for a missing field or bad base64) and its caller then asks protobuf's parser
        Outcome.expect(() -> Internals.call(READER, (Object) input), FormatException.class, IllegalArgumentException.class);
    }
}
