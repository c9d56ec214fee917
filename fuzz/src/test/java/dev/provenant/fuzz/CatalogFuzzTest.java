package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.catalog.CatalogCheck;
import dev.provenant.supplychain.catalog.ComponentFacts;
import dev.provenant.supplychain.catalog.DeclaredLicense;
import dev.provenant.supplychain.catalog.DependencyCatalog;
import dev.provenant.supplychain.catalog.OsvDatabase;
import java.util.List;
import java.util.Optional;

/** A dependency catalog (verify-dependencies' and a policy's catalog-file), each component judged against it. */
class CatalogFuzzTest {
    private static final Coordinates DEPENDENCY = new Coordinates("org.example", "lib", "2.0.1", "", "jar");

    @FuzzTest(maxDuration = "5s")
    void catalog(byte[] input) throws Exception {
        Outcome.expect(() -> {
            CatalogCheck check = new CatalogCheck(DependencyCatalog.parse(input, "catalog.json"), OsvDatabase.empty());
            check.checkCoordinates(DEPENDENCY);
            check.check(new ComponentFacts(DEPENDENCY, Optional.of("central"), Optional.empty(),
                    List.of(new DeclaredLicense("The Apache Software License, Version 2.0", "")), Optional.empty()));
        }, FormatException.class);
    }
}
