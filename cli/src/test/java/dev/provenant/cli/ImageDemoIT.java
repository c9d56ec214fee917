package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * examples/oci/demo.sh on the packaged CLI: an image pushed by skopeo to docker-registry on loopback,
 * signed by digest, verified by digest and tag, then re-tagged to another image and refused by tag and
 * by tag and digest, and refused with a key that did not sign. The script checks its exit codes itself;
 * this also checks what it printed, so a script that stopped checking would not pass.
 */
class ImageDemoIT {
    private static final String DEMO = PackagedCli.ROOT.resolve("examples/oci/demo.sh").toString();

    @Test
    void theImageDemo() throws Exception {
        LocalRegistry.assumeInstalled();
        Assumptions.assumeTrue(Files.isExecutable(TestImages.SKOPEO), "skopeo is not installed (apt-get install skopeo); skipped");
        PackagedCli run = PackagedCli.run(300, List.of("bash", DEMO));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String out = run.output();
        assertThat(out).doesNotContain("skipped", "!! ", "FAILED");
        assertThat(out).containsPattern("listening on 127\\.0\\.0\\.1:\\d+");
        assertThat(out).containsPattern("Referrer: sha256:[0-9a-f]{64} \\(listed in fallback tag sha256-[0-9a-f]{64}\\)");
        assertThat(out).contains("\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"");
        assertThat(section(out, "verify the image by digest")).contains("-> exit 0 as expected", "1 bundle(s), 1 verified");
        assertThat(section(out, "verify it by its tag")).contains("-> exit 0 as expected", "is a tag");
        assertThat(section(out, "verify by tag refuses it")).contains("-> exit 1 as expected", "no signature or attestation found");
        assertThat(section(out, "verify by tag and digest refuses it")).contains("-> exit 1 as expected", "the tag moved");
        assertThat(section(out, "the signed digest still verifies")).contains("-> exit 0 as expected", "1 verified");
        assertThat(section(out, "a key that did not sign")).contains("-> exit 1 as expected", "signature: ");
        assertThat(out).contains("Image demo complete: signed by digest, verified, and the re-tagged image refused.");
    }

    /** The output of the step titled {@code title}, up to the next step. */
    private static String section(String out, String title) {
        int start = out.indexOf("==> " + title);
        assertThat(start).as("step '%s' in%n%s", title, out).isNotNegative();
        int end = out.indexOf("==> ", start + 1);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
