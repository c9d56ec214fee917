package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.slsa.ProvenancePredicate;

/** An in-toto statement, the payload of a DSSE envelope, and the SLSA provenance predicate read from it. */
class StatementFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void statement(byte[] input) throws Exception {
        Outcome.expect(() -> {
            Statement statement = Statement.parse(input);
            if (ProvenancePredicate.TYPE.equals(statement.predicateType())) {
                ProvenancePredicate.of(statement);
            }
        }, FormatException.class);
    }
}
