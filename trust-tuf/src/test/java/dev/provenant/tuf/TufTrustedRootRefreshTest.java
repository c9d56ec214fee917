package dev.provenant.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootRefresher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufTrustedRootRefreshTest {
    @TempDir
    Path dir;

    @Test
    void isFoundAsTheRefresherService() {
        assertThat(ServiceLoader.load(TrustedRootRefresher.class).findFirst()).get().isInstanceOf(TufTrustedRootRefresh.class);
    }

    @Test
    void aRefreshEitherStoresAVerifiedRootOrFailsInOneLineLeavingTheCacheAlone() throws Exception {
        TrustedRootCache cache = new TrustedRootCache(dir.resolve("cache"), Clock.systemUTC());
        try {
            var refreshed = new TufTrustedRootRefresh().refresh(cache, dir.resolve("tuf"));
            // Where the TUF repository is reachable, the stored root is fresh and preferred.
            assertThat(refreshed.root().tlogs()).isNotEmpty();
            assertThat(cache.fresh()).isPresent();
        } catch (TrustedRootRefresher.RefreshException e) {
            // Offline (as on the build machines here), nothing half-written may be left to be trusted.
            assertThat(e.getMessage()).doesNotContain("\n").contains("trusted root");
            assertThat(Files.exists(cache.file())).isFalse();
            assertThat(cache.fresh()).isEmpty();
        }
    }
}
