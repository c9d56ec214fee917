package dev.provenant.supplychain.lock;

import static dev.provenant.supplychain.lock.LockFileTest.A;
import static dev.provenant.supplychain.lock.LockFileTest.B;
import static dev.provenant.supplychain.lock.LockFileTest.JSR;
import static dev.provenant.supplychain.lock.LockFileTest.SIGNER;
import static dev.provenant.supplychain.lock.LockFileTest.SIGSTORE;
import static dev.provenant.supplychain.lock.LockFileTest.used;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.supplychain.Coordinates;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LockCheckTest {
    static final String M = "org.example:app";
    static final UsedArtifact SIGNED = new UsedArtifact(SIGSTORE, B, new TreeSet<>(Set.of("compile")), Optional.of(SIGNER));
    static final LockFile LOCK = LockFile.empty().update(M, List.of(used(JSR, A, "compile"), SIGNED), Set.of(M));
    static final Set<String> CHECKED = Set.of(SIGSTORE.toString(), JSR.toString());

    @Test
    void whatWasLockedPasses() {
        assertThat(LockCheck.compare(LOCK, M, List.of(used(JSR, A, "compile"), SIGNED), CHECKED)).isEmpty();
    }

    @Test
    void aDigestThatDiffersFailsNamingTheArtifact() {
        List<LockFinding> f = LockCheck.compare(LOCK, M, List.of(used(JSR, B, "compile"), SIGNED), CHECKED);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(LockFinding.Kind.DIGEST_MISMATCH);
            assertThat(x.fails()).isTrue();
            assertThat(x.describe()).isEqualTo("com.google.code.findbugs:jsr305:jar:3.0.2: digest differs (the file has sha256:" + B
                    + ", the lock has sha256:" + A + ")");
        });
    }

    @Test
    void anArtifactNotInTheLockFailsAsNew() {
        Coordinates pom = new Coordinates("com.google.code.findbugs", "jsr305", "3.0.2", "", "pom");
        List<LockFinding> f = LockCheck.compare(LOCK, M, List.of(used(JSR, A, "compile"), SIGNED, used(pom, A, "pom")), CHECKED);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(LockFinding.Kind.NEW);
            assertThat(x.fails()).isTrue();
            assertThat(x.describe()).startsWith("com.google.code.findbugs:jsr305:pom:3.0.2: new dependency (")
                    .endsWith("not in the lock for org.example:app: review it and run `mvn provenant:lock`)");
        });
    }

    @Test
    void anArtifactLockedOnlyForAnotherModuleIsNewForThisOne() {
        assertThat(LockCheck.compare(LOCK, "org.example:other", List.of(used(JSR, A, "compile")), CHECKED))
                .extracting(LockFinding::kind).containsExactly(LockFinding.Kind.NEW);
    }

    @Test
    void anEntryNoLongerUsedIsReportedWithoutFailing() {
        List<LockFinding> f = LockCheck.compare(LOCK, M, List.of(SIGNED), CHECKED);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(LockFinding.Kind.STALE);
            assertThat(x.fails()).isFalse();
            assertThat(x.artifact()).isEqualTo(JSR.toString());
        });
    }

    @Test
    void aLockedSignerMustHaveSignedTheFileThisBuildVerified() {
        UsedArtifact other = new UsedArtifact(SIGSTORE, B, new TreeSet<>(Set.of("compile")),
                Optional.of(new LockedSigner("https://github.com/evil/x.yaml@refs/tags/v1.3.0", SIGNER.issuer())));
        assertThat(LockCheck.compare(LOCK, M, List.of(used(JSR, A, "compile"), other), CHECKED)).singleElement()
                .satisfies(x -> assertThat(x.describe()).startsWith("dev.sigstore:sigstore-java:jar:1.3.0: signer differs (signed by https://github.com/evil/"));
        UsedArtifact unsigned = used(SIGSTORE, B, "compile");
        assertThat(LockCheck.compare(LOCK, M, List.of(used(JSR, A, "compile"), unsigned), CHECKED)).singleElement()
                .satisfies(x -> assertThat(x.detail()).startsWith("no verified signature, the lock has " + SIGNER.identity()));
        // not checked in this build (not under the signature rules): pinned by digest alone
        assertThat(LockCheck.compare(LOCK, M, List.of(used(JSR, A, "compile"), unsigned), Set.of())).isEmpty();
    }

    @Test
    void unpinnedVersionsAreNamed() {
        assertThat(VersionPins.problem("[1.0,2.0)")).contains("version range [1.0,2.0)");
        assertThat(VersionPins.problem("LATEST")).isPresent();
        assertThat(VersionPins.problem("RELEASE")).isPresent();
        assertThat(VersionPins.problem("1.0-SNAPSHOT")).contains("SNAPSHOT version 1.0-SNAPSHOT");
        assertThat(VersionPins.problem("1.0-20250101.120000-3")).isPresent();
        assertThat(VersionPins.problem("1.0")).isEmpty();
        assertThat(VersionPins.problem("2.0.0-rc1")).isEmpty();
    }
}
