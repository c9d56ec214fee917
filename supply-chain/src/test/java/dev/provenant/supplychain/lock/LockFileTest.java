package dev.provenant.supplychain.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyOutcome;
import dev.provenant.supplychain.DependencyVerdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final Coordinates JSR = new Coordinates("com.google.code.findbugs", "jsr305", "3.0.2", "", "jar");
    static final Coordinates SIGSTORE = new Coordinates("dev.sigstore", "sigstore-java", "1.3.0", "", "jar");
    static final LockedSigner SIGNER = new LockedSigner("https://github.com/sigstore/sigstore-java/x.yaml@refs/tags/v1.3.0",
            Optional.of("https://token.actions.githubusercontent.com"));

    static UsedArtifact used(Coordinates c, String sha, String role) {
        return new UsedArtifact(c, sha, new TreeSet<>(Set.of(role)), Optional.empty());
    }

    @Test
    void writesSortedOneEntryALineAndReadsBackTheSame(@TempDir Path dir) throws Exception {
        LockFile lock = LockFile.empty().update("org.example:app", List.of(
                new UsedArtifact(SIGSTORE, B, new TreeSet<>(Set.of("compile")), Optional.of(SIGNER)),
                used(JSR, A, "test"), used(new Coordinates("org.example", "parent", "1", "", "pom"), A, "parent")),
                Set.of("org.example:app"));
        Path file = dir.resolve("sub/provenant.lock");
        lock.write(file);
        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(4)).startsWith("    {\"artifact\":\"com.google.code.findbugs:jsr305:jar:3.0.2\",\"sha256\":\"" + A + "\"");
        assertThat(lines.get(5)).startsWith("    {\"artifact\":\"dev.sigstore:sigstore-java:jar:1.3.0\"")
                .endsWith("\"signer\":{\"identity\":\"" + SIGNER.identity() + "\",\"issuer\":\"https://token.actions.githubusercontent.com\"}},");
        assertThat(lines.get(6)).startsWith("    {\"artifact\":\"org.example:parent:pom:1\"");
        LockFile back = LockFile.read(file);
        assertThat(back.entries()).isEqualTo(lock.entries());
        assertThat(back.toBytes()).isEqualTo(Files.readAllBytes(file));
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anEmptyLockIsValidJsonAndReadsBack() throws Exception {
        assertThat(LockFile.parse(LockFile.empty().toBytes(), "x").entries()).isEmpty();
    }

    @Test
    void updateReplacesOnlyThisModulesPart() {
        LockFile lock = LockFile.empty()
                .update("g:one", List.of(used(JSR, A, "compile"), used(SIGSTORE, B, "compile")), Set.of("g:one", "g:two"))
                .update("g:two", List.of(used(JSR, A, "test")), Set.of("g:one", "g:two"));
        assertThat(lock.entry(JSR.toString()).get().usedBy()).containsExactly("g:one", "g:two");
        assertThat(lock.entry(JSR.toString()).get().roles()).containsExactly("compile", "test");
        LockFile after = lock.update("g:one", List.of(), Set.of("g:one", "g:two"));
        assertThat(after.entry(SIGSTORE.toString())).isEmpty();
        assertThat(after.entry(JSR.toString()).get().usedBy()).containsExactly("g:two");
        // a module that left the reactor is taken off
        assertThat(lock.update("g:two", List.of(used(JSR, A, "test")), Set.of("g:two")).entries()).containsOnlyKeys(JSR.toString());
    }

    @Test
    void theSignerComesFromAVerifiedVerdictOnly() {
        assertThat(LockedSigner.of(new DependencyVerdict(SIGSTORE, DependencyOutcome.VERIFIED,
                "signed by " + SIGNER.identity() + " (" + SIGNER.issuer().get() + ")", false))).contains(SIGNER);
        assertThat(LockedSigner.of(new DependencyVerdict(SIGSTORE, DependencyOutcome.VERIFIED, "signed by a@b.c", true)))
                .contains(new LockedSigner("a@b.c", Optional.empty()));
        assertThat(LockedSigner.of(new DependencyVerdict(SIGSTORE, DependencyOutcome.UNSIGNED_ALLOWED, "signed by x", false))).isEmpty();
        assertThat(LockedSigner.of(new DependencyVerdict(SIGSTORE, DependencyOutcome.VERIFIED, "signed", false))).isEmpty();
    }

    static String lock(String entries) {
        return "{\"lockVersion\":1,\"artifacts\":[" + entries + "]}";
    }

    static String entry(String artifact, String sha) {
        return "{\"artifact\":\"" + artifact + "\",\"sha256\":\"" + sha + "\",\"roles\":[\"compile\"],\"usedBy\":[\"g:m\"]}";
    }

    static LockFile parse(String text) throws FormatException {
        return LockFile.parse(text.getBytes(StandardCharsets.UTF_8), "provenant.lock");
    }

    @Test
    void aWellFormedLockParses() throws Exception {
        assertThat(parse(lock(entry("g:a:jar:1", A) + "," + entry("g:a:jar:sources:1", B))).entries())
                .containsOnlyKeys("g:a:jar:1", "g:a:jar:sources:1");
    }

    @Test
    void anEntryListedTwiceIsRefused() {
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", A) + "," + entry("g:a:jar:1", B))))
                .isInstanceOf(FormatException.class).hasMessage("lock file provenant.lock: artifacts[1]: g:a:jar:1 is listed twice");
    }

    @Test
    void aMemberNamedTwiceIsRefused() {
        assertThatThrownBy(() -> parse("{\"lockVersion\":1,\"lockVersion\":1,\"artifacts\":[]}"))
                .isInstanceOf(FormatException.class).hasMessageContaining("lock file provenant.lock is malformed");
    }

    @Test
    void malformedLocksAreRefusedSayingWhy() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(FormatException.class).hasMessageContaining("is malformed");
        assertThatThrownBy(() -> parse("[]")).hasMessage("lock file provenant.lock is not a JSON object");
        assertThatThrownBy(() -> parse("{\"lockVersion\":2,\"artifacts\":[]}"))
                .hasMessage("lock file provenant.lock: lockVersion is 2, this Provenant reads 1");
        assertThatThrownBy(() -> parse("{\"lockVersion\":1}")).hasMessage("lock file provenant.lock: artifacts is not an array");
        assertThatThrownBy(() -> parse("{\"lockVersion\":1,\"artifacts\":[],\"extra\":1}"))
                .hasMessageContaining("unknown member 'extra'");
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", "A".repeat(64)))))
                .hasMessage("lock file provenant.lock: artifacts[0] (g:a:jar:1): sha256 is not 64 lowercase hex digits: " + "A".repeat(64));
        assertThatThrownBy(() -> parse(lock(entry("g:a:1", A)))).hasMessageContaining("is not GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION");
        assertThatThrownBy(() -> parse(lock(entry("g::jar:1", A)))).hasMessageContaining("has an empty or padded part");
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", A).replace("\"sha256\"", "\"sha265\""))))
                .hasMessageContaining("unknown member 'sha265'");
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", A).replace("[\"g:m\"]", "[]"))))
                .hasMessageContaining("usedBy is empty");
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", A).replace("[\"compile\"]", "[\"compile\",\"compile\"]"))))
                .hasMessageContaining("roles names 'compile' twice");
        assertThatThrownBy(() -> parse(lock(entry("g:a:jar:1", A).replace("}", ",\"signer\":{\"issuer\":\"x\"}}"))))
                .hasMessageContaining("signer: identity is missing or not a string");
    }

    @Test
    void aHugeLockIsReadOnlyUpToItsCap(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.lock");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((8L << 20) + 1);
        }
        assertThatThrownBy(() -> LockFile.read(huge)).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("larger than the 8 MiB a lock file may have");
    }
}
