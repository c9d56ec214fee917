package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.supplychain.catalog.OsvDatabase;

/** An OSV record of the user's OSV folder or zip, its Maven ranges evaluated at a few versions. */
class OsvRecordFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void osvRecord(byte[] input) throws Exception {
        Outcome.expect(() -> {
            OsvDatabase db = OsvDatabase.parse(input, "osv.json");
            for (String version : new String[] {"0", "1.0", "2.0.1", "2.0-alpha-1", "1.2.3.RELEASE"}) {
                db.vulnerabilities("org.example", "lib", version);
            }
        }, FormatException.class);
    }
}
