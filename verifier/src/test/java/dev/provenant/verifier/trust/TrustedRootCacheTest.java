package dev.provenant.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootCacheTest {
    static final Path OTHER_ROOT = Path.of(System.getProperty("provenant.shared", "../../shared"),
            "conformance/bundle-verify/managed-key-and-trusted-root/trusted_root.json");

    @TempDir
    Path dir;

    @Test
    void aFreshCacheIsPreferredOverTheShippedRoot() throws Exception {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        TrustedRootCache cache = new TrustedRootCache(dir, Clock.fixed(now, ZoneOffset.UTC));
        assertThat(TrustedRootChoice.publicGood(cache).source()).contains("shipped");
        cache.store(Files.readAllBytes(OTHER_ROOT));
        Files.setLastModifiedTime(cache.file(), FileTime.from(now.minus(Duration.ofDays(2))));
        TrustedRootChoice choice = TrustedRootChoice.publicGood(cache);
        assertThat(choice.source()).contains("cached");
        assertThat(choice.root()).isEqualTo(TrustedRoot.parse(Files.readAllBytes(OTHER_ROOT)));
    }

    @Test
    void aStaleOrBrokenCacheFallsBackToTheShippedRoot() throws Exception {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        TrustedRootCache cache = new TrustedRootCache(dir, Clock.fixed(now, ZoneOffset.UTC));
        cache.store(Files.readAllBytes(OTHER_ROOT));
        Files.setLastModifiedTime(cache.file(), FileTime.from(now.minus(TrustedRootCache.FRESH_FOR).minusSeconds(1)));
        assertThat(TrustedRootChoice.publicGood(cache).root()).isEqualTo(TrustedRoot.publicGood());
        Files.writeString(cache.file(), "{broken");
        Files.setLastModifiedTime(cache.file(), FileTime.from(now));
        assertThat(TrustedRootChoice.publicGood(cache).source()).contains("shipped");
    }

    @Test
    void onlyAReadableRootIsStored() {
        TrustedRootCache cache = new TrustedRootCache(dir, Clock.systemUTC());
        assertThatThrownBy(() -> cache.store("{\"mediaType\":\"nope\"}".getBytes())).isInstanceOf(FormatException.class);
        assertThat(Files.exists(cache.file())).isFalse();
    }

    @Test
    void theCacheDirectoryFollowsTheEnvironment() {
        assertThat(TrustedRootCache.standard(Map.of("PROVENANT_CACHE_DIR", "/x/y")).file()).isEqualTo(Path.of("/x/y",
                TrustedRootCache.FILE_NAME));
        assertThat(TrustedRootCache.standard(Map.of("XDG_CACHE_HOME", "/c")).file()).isEqualTo(Path.of("/c/provenant",
                TrustedRootCache.FILE_NAME));
    }
}
