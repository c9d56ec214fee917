package dev.provenant.intoto.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PosixPathsTest {
    /** Expected values from Python 3's posixpath.normpath. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|.", ".|.", "./a|a", "a//b/|a/b", "a/./b/../c|a/c", "../a|../a", "a/../..|..", "/..|/", "//a/b|//a/b",
        "///a|/a", "./../x/./y/..|../x", "a/b/../../..|.."})
    void matchesPythonNormpath(String in, String expected) {
        assertThat(PosixPaths.normpath(in)).isEqualTo(expected);
    }
}
