package dev.provenant.intoto.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExcludePatternsTest {
    static final ExcludePatterns PATTERNS = ExcludePatterns.of(List.of("*.link*", ".git", "*.pyc", "*~", "/build/",
            "docs/**/*.md", "!keep.link", "[ab]?.txt", "**/tmp", "# a comment"));

    /** Expected values from pathspec 0.11's gitwildmatch PathSpec.match_file with the same patterns. */
    @ParameterizedTest
    @CsvSource({
        "step.abcd1234.link,true", "dir/x.link-unfinished,true", ".git,true", ".git/config,true", "sub/.git/HEAD,true",
        "a.pyc,true", "notes~,true", "build/out.jar,true", "src/build/x,false", "docs/a/b/c.md,true", "docs/c.md,true",
        "keep.link,false", "a1.txt,true", "c1.txt,false", "ab1.txt,false", "x/tmp/y,true", "tmp,true", "src/main.c,false",
        "/abs/x.pyc,true", "./y.pyc,true"})
    void matchesPathspec(String path, boolean excluded) {
        assertThat(PATTERNS.excludes(path)).as(path).isEqualTo(excluded);
    }

    @ParameterizedTest
    @CsvSource({"foo.link,true", "foo.c,false", "a/b/.git/x,true"})
    void defaultsLeaveOutLinkFilesAndGit(String path, boolean excluded) {
        assertThat(ExcludePatterns.inTotoDefaults().excludes(path)).isEqualTo(excluded);
        assertThat(ExcludePatterns.none().excludes(path)).isFalse();
    }
}
