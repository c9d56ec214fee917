package dev.provenant.cli;

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
 * Replays the Sigstore conformance suite's offline cases through interop/conformance/provenant-conformance.
 * Every case signed by a key must come out right, and no case that must be rejected may verify: a
 * verifier that accepts one forged bundle is worse than none.
 */
class ConformanceIT {
    private static final Path CASES = PackagedCli.SHARED.resolve("conformance/bundle-verify");

    @Test
    void keyCasesAreRightAndNothingForgedVerifies() throws Exception {
        Path adapter = PackagedCli.ROOT.resolve("interop/conformance/provenant-conformance");
        PackagedCli run = PackagedCli.run(900, List.of("python3", PackagedCli.SHARED.resolve("conformance/replay.py").toString(),
                adapter.toString()));
        String out = run.output();
        Matcher rejected = Pattern.compile("must be rejected: (\\d+)/(\\d+)").matcher(out);
        assertThat(rejected.find()).as(out).isTrue();
        assertThat(rejected.group(1)).as("every forged or broken bundle is rejected").isEqualTo(rejected.group(2));

        List<String> keyCases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CASES)) {
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
