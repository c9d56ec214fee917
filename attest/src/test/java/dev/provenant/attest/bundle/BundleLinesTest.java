package dev.provenant.attest.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.InputTooLargeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bundle files: one bundle (on one line or many), or JSON lines of bundles, each line bounded and each line a bundle. */
class BundleLinesTest {
    /** A well-formed (unverified) bundle on one line; {@code hint} tells them apart. */
    static String bundle(String hint) {
        return "{\"mediaType\":\"" + BundleVersion.V0_3.mediaType() + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"" + hint
                + "\"}},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"" + "A".repeat(43)
                + "=\"},\"signature\":\"c2ln\"}}";
    }

    static BundleLines parse(String text) throws Exception {
        return BundleLines.parse(text.getBytes(StandardCharsets.UTF_8), "b.jsonl");
    }

    static String hint(BundleLines.Line line) {
        return line.bundle().verificationMaterial().publicKey().hint();
    }

    @Test
    void oneBundleOnOneLineOrPrettyPrintedIsOneBundle() throws Exception {
        BundleLines one = parse(bundle("YQ==") + "\n");
        assertThat(one.jsonLines()).isFalse();
        assertThat(one.lines()).hasSize(1);
        String pretty = bundle("YQ==").replace("{", "{\n  ").replace(",", ",\n  ");
        BundleLines multi = parse(pretty);
        assertThat(multi.jsonLines()).isFalse();
        assertThat(hint(multi.lines().get(0))).isEqualTo("YQ==");
    }

    @Test
    void jsonLinesKeepTheirLineNumbersAndSkipBlankLines() throws Exception {
        BundleLines lines = parse(bundle("YQ==") + "\n\n" + bundle("Yg==") + "\r\n" + bundle("Yw==") + "\n");
        assertThat(lines.jsonLines()).isTrue();
        assertThat(lines.lines()).extracting(BundleLines.Line::number).containsExactly(1, 3, 4);
        assertThat(lines.lines()).extracting(BundleLinesTest::hint).containsExactly("YQ==", "Yg==", "Yw==");
    }

    @Test
    void anEmptyFileHoldsNoBundle() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(FormatException.class).hasMessage("b.jsonl is empty: it holds no bundle");
        assertThatThrownBy(() -> parse("\n  \n")).isInstanceOf(FormatException.class).hasMessageContaining("holds no bundle");
    }

    @Test
    void aMalformedLineMakesTheFileUnreadableAndIsNamed() {
        assertThatThrownBy(() -> parse(bundle("YQ==") + "\n{\"mediaType\":\"x\"}\n" + bundle("Yw==")))
                .isInstanceOf(FormatException.class).hasMessageStartingWith("b.jsonl line 2: ");
        assertThatThrownBy(() -> parse(bundle("YQ==") + "\n{not json}\n")).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("b.jsonl line 2: ");
    }

    @Test
    void aLineOverTheBundleCapIsRefused() {
        String padded = bundle("YQ==").replace("\"hint\":\"YQ==\"", "\"hint\":\"" + "A".repeat(InputLimit.BUNDLE.maxBytes()) + "\"");
        assertThatThrownBy(() -> parse(bundle("YQ==") + "\n" + padded + "\n")).isInstanceOf(InputTooLargeException.class)
                .hasMessage("bundle b.jsonl line 2 is larger than the 8 MiB a bundle may have");
        // one bundle over the cap, not JSON lines, is refused the same way
        assertThatThrownBy(() -> parse(padded)).isInstanceOf(InputTooLargeException.class)
                .hasMessage("bundle b.jsonl is larger than the 8 MiB a bundle may have");
    }

    @Test
    void moreLinesThanTheCapAreRefused() throws Exception {
        String line = bundle("YQ==") + "\n";
        assertThat(parse(line.repeat(BundleLines.MAX_LINES)).lines()).hasSize(BundleLines.MAX_LINES);
        assertThatThrownBy(() -> parse(line.repeat(BundleLines.MAX_LINES + 1))).isInstanceOf(FormatException.class)
                .hasMessage("b.jsonl holds more than 1000 bundle lines");
    }
}
