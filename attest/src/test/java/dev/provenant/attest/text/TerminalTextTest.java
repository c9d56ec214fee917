package dev.provenant.attest.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void lineEscapesEveryCharacterATerminalActsOn() {
        assertThat(TerminalText.line("a\u001b[2K\rVerified OK\nb\tc")).isEqualTo("a\\u001b[2K\\u000dVerified OK\\u000ab\\u0009c");
        assertThat(TerminalText.line("\u007f\u0085\u009b")).isEqualTo("\\u007f\\u0085\\u009b");
        assertThat(TerminalText.line("x\u202ey\u2066z\u2028\u200f\u061c")).isEqualTo("x\\u202ey\\u2066z\\u2028\\u200f\\u061c");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        String s = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1 — é 漢字 \\ 😀";
        assertThat(TerminalText.line(s)).isSameAs(s);
        assertThat(TerminalText.line(null)).isNull();
    }

    @Test
    void writerKeepsLinesAndTabsButEscapesTheRest() {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(TerminalText.writer(sink), true);
        out.print("one\ttwo\n\u001b]0;title\u0007\rthree");
        out.write('\u009b');
        out.write("ab\u001bcd".toCharArray(), 1, 3);
        out.flush();
        assertThat(sink.toString()).isEqualTo("one\ttwo\n\\u001b]0;title\\u0007\\u000dthree\\u009bb\\u001bc");
    }

    @Test
    void jsonThroughTheWriterStaysTheSameDocument() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String doc = mapper.writeValueAsString(java.util.Map.of("k", "a\u0085b\u202ec\u001bd"));
        StringWriter sink = new StringWriter();
        try (PrintWriter out = new PrintWriter(TerminalText.writer(sink))) {
            out.print(doc);
        }
        assertThat(sink.toString()).doesNotContain("\u0085", "\u202e", "\u001b");
        assertThat(mapper.readTree(sink.toString())).isEqualTo(mapper.readTree(doc));
    }
}
