package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the Sigstore conformance suite's offline cases through interop/conformance/provenant-conformance,
 * each with the artifact's path and with its digest. Every case must come out right: no bundle that
 * must be rejected may verify (a verifier that accepts one forged bundle is worse than none), and every
 * good bundle, keyless or key-signed, must verify.
 */
class ConformanceIT {
    @Test
    void everyCaseComesOutRight() throws Exception {
        Path cases = ConformanceSuite.bundleVerify();
        Path replay = ConformanceSuite.file("replay.py");
        Path adapter = PackagedCli.ROOT.resolve("interop/conformance/provenant-conformance");
        PackagedCli run = PackagedCli.run(900, List.of("python3", replay.toString(), adapter.toString(), cases.toString(),
                PackagedCli.publicGoodRoot().toString()));
        String out = run.output();
        Matcher rejected = Pattern.compile("must be rejected: (\\d+)/(\\d+)").matcher(out);
        assertThat(rejected.find()).as(out).isTrue();
        assertThat(rejected.group(1)).as("every forged or broken bundle is rejected").isEqualTo(rejected.group(2));
        Matcher total = Pattern.compile("conformance: (\\d+) passed, (\\d+) failed").matcher(out);
        assertThat(total.find()).as(out).isTrue();
        assertThat(total.group(2)).as(out.lines().filter(l -> l.startsWith("mismatch")).toList().toString()).isEqualTo("0");
        assertThat(Integer.parseInt(total.group(1))).isEqualTo(140);

        List<String> keyCases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(cases)) {
            dirs.filter(d -> Files.exists(d.resolve("key.pub"))).forEach(d -> keyCases.add(d.getFileName().toString()));
        }
        assertThat(keyCases).isNotEmpty();
        for (String c : keyCases) {
            for (String mode : List.of("path", "digest")) {
                assertThat(out).as(c + "[" + mode + "]").contains("ok       " + c + "[" + mode + "]");
            }
        }
    }
}
