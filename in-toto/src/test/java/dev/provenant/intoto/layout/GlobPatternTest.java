package dev.provenant.intoto.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Artifact rule patterns must consume exactly what in-toto's {@code fnmatch.filter} consumes, and in
 * time linear in the path's length whatever the pattern.
 */
class GlobPatternTest {

    /** fnmatch-parity.jsonl: [pattern, path, matched] as Python 3.11's fnmatch decides (written by fnmatch-parity.py). */
    @Test
    void matchesAsPythonFnmatchDoes() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/layout/fnmatch-parity.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode c = JsonCodec.readTree(line.getBytes(StandardCharsets.UTF_8), "case");
                String pattern = c.get(0).textValue();
                String path = c.get(1).textValue();
                boolean expected = c.get(2).booleanValue();
                if (GlobPattern.of(pattern).matches(path) != expected) {
                    mismatches.add(c.toString());
                }
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(3000);
        assertThat(mismatches).as("cases where Provenant and fnmatch disagree").isEmpty();
    }

    @Test
    void theCommonFormsMatchAsInToto() throws Exception {
        assertThat(GlobPattern.of("*").matches(".hidden/dir/file")).isTrue();
        assertThat(GlobPattern.of("src/*.c").matches("src/lib/x.c")).isTrue();
        assertThat(GlobPattern.of("file?.[ch]").matches("file1.c")).isTrue();
        assertThat(GlobPattern.of("file?.[!ch]").matches("file1.c")).isFalse();
        assertThat(GlobPattern.of("?").matches("\uD83D\uDE00")).as("one code point, not one UTF-16 unit").isTrue();
        assertThat(GlobPattern.of("a*").matches("b")).isFalse();
    }

    /**
     * A path of 49,000 characters against a pattern with many stars: a backtracking matcher takes tens of
     * seconds (Java's regex did, Python's fnmatch 0.2 s); a linear one takes milliseconds. The bound is
     * generous so a loaded machine cannot make it flake.
     */
    @Test
    void aPathologicalPatternIsMatchedInLinearTime() throws Exception {
        String path = "a".repeat(49_000);
        GlobPattern pattern = GlobPattern.of("*a".repeat(40) + "*b");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 20; i++) {
                assertThat(pattern.matches(path)).isFalse();
                assertThat(pattern.matches(path + "c")).isFalse();
            }
            assertThat(pattern.matches(path + "b")).isTrue();
        }, "41 matches of a 49,000-character path");
    }

    @Test
    void aPatternLongerThanAnyPathIsRefused() {
        assertThatThrownBy(() -> GlobPattern.of("a".repeat(GlobPattern.MAX_PATTERN_LENGTH + 1)))
                .isInstanceOf(FormatException.class).hasMessageContaining("longer than " + GlobPattern.MAX_PATTERN_LENGTH);
    }
}
