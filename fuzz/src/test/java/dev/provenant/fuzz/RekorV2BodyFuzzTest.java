package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** A Rekor v2 entry body ({@code canonicalizedBody}): hashedrekord 0.0.2 and dsse 0.0.2. */
class RekorV2BodyFuzzTest {
    private static final Object HASHEDREKORD = RekorBodies.type("HASHEDREKORD_V002");
    private static final Object DSSE = RekorBodies.type("DSSE_V002");

    @FuzzTest(maxDuration = "5s")
    void rekorV2Body(byte[] input) throws Exception {
        RekorBodies.match(input, HASHEDREKORD, RekorBodies.MESSAGE);
        RekorBodies.match(input, DSSE, RekorBodies.ENVELOPE);
    }
}
