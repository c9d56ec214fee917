package dev.provenant.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootRefresher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void thePublicGoodMirrorComesFromSigstoreJava() throws Exception {
        assertThat(TufTrustedRootRefresh.publicGoodMirror().getScheme()).isEqualTo("https");
        assertThat(TufTrustedRootRefresh.publicGoodMirror().toString()).endsWith("/");
    }

    @Test
    void aRefreshStartsFromTheShippedRootAndAsksForTheNextRootFirst() {
        // The repository is a test double that answers nothing, as when the network is down.
        List<String> asked = new ArrayList<>();
        TrustedRootCache cache = new TrustedRootCache(dir.resolve("cache"), Clock.systemUTC());
        TufTrustedRootRefresh refresh = new TufTrustedRootRefresh((path, max) -> {
            asked.add(path);
            if (path.endsWith(".root.json")) {
                return Optional.empty();
            }
            throw new IOException("network unreachable");
        });
        assertThatThrownBy(() -> refresh.refresh(cache)).isInstanceOf(TrustedRootRefresher.RefreshException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // Sigstore's shipped root is version 10; the update asks for 11 before anything else.
        assertThat(asked).first().isEqualTo("11.root.json");
        // A failed refresh leaves the cache as it was: still absent, so later verifications give no warning.
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.ABSENT);
        assertThat(Files.exists(cache.tufDirectory())).isFalse();
    }
}
