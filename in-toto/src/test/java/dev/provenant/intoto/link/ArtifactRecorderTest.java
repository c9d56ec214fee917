package dev.provenant.intoto.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.digest.ArtifactDigester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactRecorderTest {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"; // "hello\n"

    @TempDir
    Path dir;

    ArtifactRecorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        recorder = new ArtifactRecorder(dir, ExcludePatterns.inTotoDefaults(), new ArtifactDigester());
        Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/a.c"), "hello\n");
        Files.writeString(dir.resolve("src/sub/b.c"), "");
        Files.writeString(dir.resolve("src/old.link"), "excluded");
        Files.createDirectories(dir.resolve("src/.git"));
        Files.writeString(dir.resolve("src/.git/HEAD"), "excluded");
        Files.writeString(dir.resolve("top.txt"), "hello\n");
    }

    @Test
    void recordsFilesAndWalksDirectoriesWithRelativeNormalisedNames() throws Exception {
        var recorded = recorder.record(List.of("./src/", "top.txt", "missing", "x/../top.txt"));
        assertThat(recorded).containsOnlyKeys("src/a.c", "src/sub/b.c", "top.txt");
        assertThat(recorded.get("src/a.c")).containsEntry("sha256", HELLO_SHA256);
        assertThat(recorded.get("src/sub/b.c")).containsEntry("sha256", EMPTY_SHA256);
    }

    @Test
    void dotRecordsEverythingBelowTheBaseWithoutAPrefix() throws Exception {
        assertThat(recorder.record(List.of("."))).containsOnlyKeys("src/a.c", "src/sub/b.c", "top.txt");
    }

    @Test
    void followsSymlinksToFilesAndDirectoriesAndSkipsBrokenOnesAndLoops() throws Exception {
        Files.createSymbolicLink(dir.resolve("src/link-to-top"), dir.resolve("top.txt"));
        Files.createSymbolicLink(dir.resolve("src/linked-dir"), dir.resolve("src/sub"));
        Files.createSymbolicLink(dir.resolve("src/broken"), dir.resolve("nowhere"));
        Files.createSymbolicLink(dir.resolve("src/sub/loop"), dir.resolve("src"));
        var recorded = recorder.record(List.of("src"));
        assertThat(recorded).containsOnlyKeys("src/a.c", "src/sub/b.c", "src/link-to-top", "src/linked-dir/b.c");
        assertThat(recorded.get("src/link-to-top")).containsEntry("sha256", HELLO_SHA256);
    }

    @Test
    void excludePatternsApplyToTheNamedPathsToo() throws Exception {
        ArtifactRecorder custom = new ArtifactRecorder(dir, ExcludePatterns.of(List.of("sub", "*.txt")), new ArtifactDigester());
        assertThat(custom.record(List.of("src", "top.txt"))).containsOnlyKeys("src/a.c", "src/old.link", "src/.git/HEAD");
    }

    @Test
    void absolutePathsStayAbsolute() throws Exception {
        String abs = dir.resolve("top.txt").toString();
        assertThat(recorder.record(List.of(abs))).containsOnlyKeys(abs);
    }
}
