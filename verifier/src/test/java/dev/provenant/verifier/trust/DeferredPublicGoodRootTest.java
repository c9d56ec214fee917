package dev.provenant.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.digest.DigestAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredPublicGoodRootTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    private static String sha256(byte[] b) {
        return "sha256:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(b));
    }

    @Test
    void fingerprintNamesTheRootThatWouldBeUsedWithoutParsingIt() throws Exception {
        TrustedRootCache cache = new TrustedRootCache(dir, Clock.fixed(NOW, ZoneOffset.UTC));
        DeferredPublicGoodRoot root = new DeferredPublicGoodRoot(cache);
        assertThat(root.fingerprint()).isEqualTo(sha256(TrustedRoot.publicGoodJson()));
        assertThat(root.source()).isEmpty();

        byte[] other = Files.readAllBytes(TrustedRootCacheTest.OTHER_ROOT);
        cache.store(other);
        Files.setLastModifiedTime(cache.file(), FileTime.from(NOW.minus(Duration.ofDays(1))));
        assertThat(root.fingerprint()).isEqualTo(sha256(other));
        assertThat(root.get()).isEqualTo(TrustedRoot.parse(other));
        assertThat(root.source()).get().asString().contains("cached");

        Files.setLastModifiedTime(cache.file(), FileTime.from(NOW.minus(Duration.ofDays(30))));
        assertThat(new DeferredPublicGoodRoot(cache).fingerprint()).isEqualTo(sha256(TrustedRoot.publicGoodJson()));
    }

    @Test
    void theShippedRootIsUsedWhenNothingIsCached() {
        DeferredPublicGoodRoot root = new DeferredPublicGoodRoot(new TrustedRootCache(dir, Clock.fixed(NOW, ZoneOffset.UTC)));
        assertThat(root.get()).isEqualTo(TrustedRoot.publicGood());
        assertThat(root.source()).get().asString().contains("shipped");
    }
}
