package dev.provenant.attest.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDigesterTest {
    @TempDir
    Path dir;

    @Test
    void knownVectors() throws Exception {
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        var d = new ArtifactDigester().digest(abc, DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512);
        assertThat(d.get(DigestAlgorithm.SHA256).hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(d.get(DigestAlgorithm.SHA384).hex()).startsWith("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed");
        assertThat(d.get(DigestAlgorithm.SHA512).hex()).startsWith("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(new ArtifactDigester().digest(empty, DigestAlgorithm.SHA256).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aPrefetchedDigestIsTheDigestAndOtherAlgorithmsAreComputedOnAsking() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("artifact"), content);
        var plain = new ArtifactDigester().digest(file, DigestAlgorithm.SHA256, DigestAlgorithm.SHA384);
        ArtifactDigester ahead = new ArtifactDigester();
        ahead.prefetch(file, DigestAlgorithm.SHA256);
        ahead.prefetch(file, DigestAlgorithm.SHA256); // a second prefetch of the same file starts nothing new
        assertThat(ahead.digest(file, DigestAlgorithm.SHA256)).isEqualTo(plain.get(DigestAlgorithm.SHA256));
        assertThat(ahead.digest(file, DigestAlgorithm.SHA384, DigestAlgorithm.SHA256)).isEqualTo(plain);
    }

    @Test
    void pipesAreNeverReadAhead() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        ArtifactDigester ahead = new ArtifactDigester();
        ahead.prefetch(fifo, DigestAlgorithm.SHA256); // would block forever on the open if it read the pipe
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "abc");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        assertThat(ahead.digest(fifo, DigestAlgorithm.SHA256).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        writer.join();
    }

    @Test
    void windowBoundariesMatchAPlainDigest() throws Exception {
        long w = ArtifactDigester.WINDOW;
        Random random = new Random(7);
        for (long size : new long[] {1, w - 1, w, w + 1, 2 * w + 5}) {
            byte[] data = new byte[(int) size];
            random.nextBytes(data);
            Path file = Files.write(dir.resolve("f" + size), data);
            List<Long> progress = new ArrayList<>();
            Digest d = new ArtifactDigester(progress::add).digest(file, DigestAlgorithm.SHA256);
            assertThat(d.value()).as("size %d", size).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(progress).last().isEqualTo(size);
            Files.delete(file);
        }
    }

    @Test
    void streamsMatchFiles() throws Exception {
        byte[] data = "streamed".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("s"), data);
        assertThat(new ArtifactDigester().digest(new ByteArrayInputStream(data), DigestAlgorithm.SHA512).get(DigestAlgorithm.SHA512))
                .isEqualTo(new ArtifactDigester().digest(file, DigestAlgorithm.SHA512));
    }

    @Test
    void parsesDigestReferences() {
        Digest d = Digest.parse("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
        assertThat(d.toString()).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digest.looksLikeDigest("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isTrue();
        assertThat(Digest.looksLikeDigest("sha256:e3b0")).isFalse();
        assertThat(Digest.looksLikeDigest("sha256:zzb0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isFalse();
        assertThatThrownBy(() -> Digest.parse("md5:00")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> Digest.parse("sha256:00")).hasMessageContaining("64 hex");
    }
}
