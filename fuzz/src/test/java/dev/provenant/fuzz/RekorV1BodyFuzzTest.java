package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** A Rekor v1 entry body ({@code canonicalizedBody}): hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2. */
class RekorV1BodyFuzzTest {
    private static final Object HASHEDREKORD = RekorBodies.type("HASHEDREKORD_V001");
    private static final Object DSSE = RekorBodies.type("DSSE_V001");
    private static final Object INTOTO = RekorBodies.type("INTOTO_V002");

    @FuzzTest(maxDuration = "5s")
    void rekorV1Body(byte[] input) throws Exception {
        RekorBodies.match(input, HASHEDREKORD, RekorBodies.MESSAGE);
        RekorBodies.match(input, DSSE, RekorBodies.ENVELOPE);
        RekorBodies.match(input, INTOTO, RekorBodies.ENVELOPE);
    }
}
