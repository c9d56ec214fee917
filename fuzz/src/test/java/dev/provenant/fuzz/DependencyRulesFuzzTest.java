package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyRule;
import dev.provenant.supplychain.DependencyRules;
import java.nio.charset.StandardCharsets;

/** A dependency rules file of the Maven {@code verify-dependencies} goal; each rule applied to a dependency. */
class DependencyRulesFuzzTest {
    private static final Coordinates DEPENDENCY = new Coordinates("dev.sigstore", "sigstore-java", "1.3.0", "", "jar");

    @FuzzTest(maxDuration = "5s")
    void dependencyRules(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        Outcome.expect(() -> {
            DependencyRules rules = DependencyRules.parse(text, "rules.txt");
            for (DependencyRule rule : rules.rules()) {
                rule.covers(DEPENDENCY);
                rule.policyFor(DEPENDENCY);
            }
            rules.ruleFor(DEPENDENCY);
        }, FormatException.class);
    }
}
