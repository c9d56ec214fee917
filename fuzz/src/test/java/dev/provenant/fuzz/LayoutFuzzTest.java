package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.layout.Layout;

/** An in-toto layout metablock ({@code root.layout}): keys, steps, inspections and their artifact rules. */
class LayoutFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void layout(byte[] input) throws Exception {
        Outcome.expect(() -> Layout.fromJson(Metablock.parse(input).signed()), FormatException.class);
    }
}
