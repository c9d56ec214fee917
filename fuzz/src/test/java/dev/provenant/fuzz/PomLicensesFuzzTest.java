package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.supplychain.catalog.DeclaredLicense;
import dev.provenant.supplychain.catalog.PomLicenses;
import dev.provenant.supplychain.catalog.SpdxLicenses;
import java.util.Map;

/** A dependency's POM as the catalog reads its licenses and parent, each license mapped to an SPDX id. */
class PomLicensesFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void pomLicenses(byte[] input) throws Exception {
        Outcome.expect(() -> {
            for (DeclaredLicense l : PomLicenses.parse(input, "dependency.pom").licenses()) {
                SpdxLicenses.idOf(l, Map.of());
            }
        }, FormatException.class);
    }
}
