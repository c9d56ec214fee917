package dev.provenant.attest.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutTest {
    private static final String A = "1111111111111111111111111111111111111111";
    private static final String B = "2222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    private Path repo(String head) throws Exception {
        Files.createDirectories(dir.resolve("repo/.git/refs/heads"));
        Files.writeString(dir.resolve("repo/.git/HEAD"), head + "\n");
        Files.writeString(dir.resolve("repo/.git/config"), "[core]\n\tbare = false\n[remote \"origin\"]\n"
                + "\turl = https://github.com/acme/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        return dir.resolve("repo");
    }

    @Test
    void readsALooseBranchFromASubfolder() throws Exception {
        Path repo = repo("ref: refs/heads/main");
        Files.writeString(repo.resolve(".git/refs/heads/main"), A + "\n");
        Path sub = Files.createDirectories(repo.resolve("module/src"));
        SourceRevision r = GitCheckout.read(sub).orElseThrow();
        assertThat(r).isEqualTo(new SourceRevision("https://github.com/acme/app.git", "refs/heads/main", A));
    }

    @Test
    void readsPackedRefsAndDetachedHeads() throws Exception {
        Path repo = repo("ref: refs/heads/release");
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n" + A
                + " refs/heads/other\n" + B + " refs/heads/release\n");
        assertThat(GitCheckout.read(repo).orElseThrow().commit()).isEqualTo(B);
        Files.writeString(repo.resolve(".git/HEAD"), A + "\n");
        assertThat(GitCheckout.read(repo).orElseThrow().ref()).isEmpty();
    }

    @Test
    void followsAWorktreePointer() throws Exception {
        Path repo = repo("ref: refs/heads/main");
        Files.writeString(repo.resolve(".git/refs/heads/main"), A);
        Files.createDirectories(repo.resolve(".git/refs/heads/feature").getParent());
        Files.writeString(repo.resolve(".git/refs/heads/feature"), B);
        Path wtGit = Files.createDirectories(repo.resolve(".git/worktrees/wt"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        SourceRevision r = GitCheckout.read(wt).orElseThrow();
        assertThat(r.commit()).isEqualTo(B);
        assertThat(r.repository()).isEqualTo("https://github.com/acme/app.git");
    }

    @Test
    void noCheckoutOrNoCommitIsEmpty() throws Exception {
        assertThat(GitCheckout.read(Files.createDirectories(dir.resolve("plain")))).isEmpty();
        Path repo = repo("ref: refs/heads/main");
        assertThat(GitCheckout.read(repo)).isEmpty();
    }
}
