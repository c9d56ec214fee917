package dev.provenant.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.verifier.trust.tuf.TufFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootCacheTest {
    /** A valid trusted root other than the shipped one: the public-good root without its first Rekor log. */
    static byte[] otherRoot() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(TrustedRoot.publicGoodJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("tlogs")).remove(0);
        byte[] other = json.writeValueAsBytes(root);
        assertThat(TrustedRoot.parse(other)).isNotEqualTo(TrustedRoot.publicGood());
        return other;
    }
    static final Instant NOW = TufFixture.NOW;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    @Test
    void aPlantedRootWithAFreshOrFutureModificationTimeIsNeverUsed() throws Exception {
        TrustedRootCache cache = new TrustedRootCache(dir, CLOCK);
        Path planted = dir.resolve("public-good-trusted_root.json");
        Files.write(planted, otherRoot());
        for (Instant mtime : List.of(NOW, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(3650)))) {
            Files.setLastModifiedTime(planted, FileTime.from(mtime));
            TrustedRootChoice choice = TrustedRootChoice.publicGood(cache);
            assertThat(choice.root()).isEqualTo(TrustedRoot.publicGood());
            assertThat(choice.source()).contains("shipped");
        }
    }

    @Test
    void aPlantedRepositorySignedByOtherKeysIsNeverUsed() throws Exception {
        // A complete, self-consistent TUF repository, but signed by keys the shipped Sigstore root does not list.
        byte[] other = otherRoot();
        TufFixture attacker = new TufFixture(other);
        Path tuf = dir.resolve("public-good-tuf");
        TufFixture.write(tuf, attacker.build());
        Files.write(tuf.resolve("2.root.json"), attacker.shippedRoot());
        TrustedRootCache cache = new TrustedRootCache(dir, CLOCK, TrustedRootCache.shippedTufRoot(), warnings::add);
        assertThat(TrustedRootChoice.publicGood(cache).root()).isEqualTo(TrustedRoot.publicGood());
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.REJECTED);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("provenant: warning: ignoring the cached trusted root in " + dir)
                .contains("using the shipped public-good root").doesNotContain("\n");
        // Asked again in the same process: still ignored, and no second warning.
        assertThat(cache.fresh()).isEmpty();
        assertThat(new DeferredPublicGoodRoot(cache).get()).isEqualTo(TrustedRoot.publicGood());
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aCacheItsTufChainVouchesForIsUsedUntilTheTimestampExpires() throws Exception {
        byte[] other = otherRoot();
        TufFixture repo = new TufFixture(other);
        TufFixture.write(dir.resolve("public-good-tuf"), repo.build());
        TrustedRootCache cache = new TrustedRootCache(dir, CLOCK, repo.shippedRoot(), warnings::add);
        TrustedRootChoice choice = TrustedRootChoice.publicGood(cache);
        assertThat(choice.root()).isEqualTo(TrustedRoot.parse(other));
        assertThat(choice.source()).contains("TUF-verified cache").contains(repo.timestampExpires.toString());
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.VERIFIED);
        assertThat(warnings).isEmpty();

        // Offline, an expired timestamp means the cache is no longer trusted: the shipped root, one warning.
        TrustedRootCache later = new TrustedRootCache(dir, Clock.fixed(repo.timestampExpires, ZoneOffset.UTC),
                repo.shippedRoot(), warnings::add);
        assertThat(TrustedRootChoice.publicGood(later).source()).contains("shipped");
        assertThat(warnings).singleElement().asString().contains("timestamp.json v5 expired at " + repo.timestampExpires);
    }

    @Test
    void aRefreshStoresTheMetadataAndRemovesTheUnauthenticatedCopy() throws Exception {
        byte[] other = otherRoot();
        TufFixture repo = new TufFixture(other);
        Files.write(dir.resolve("public-good-trusted_root.json"), other);
        TrustedRootCache cache = new TrustedRootCache(dir, CLOCK, repo.shippedRoot(), warnings::add);
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.REJECTED);
        TrustedRootCache.Cached refreshed = cache.refresh(TufFixture.fetcherDouble(repo.build()));
        assertThat(refreshed.root()).isEqualTo(TrustedRoot.parse(other));
        assertThat(dir.resolve("public-good-trusted_root.json")).doesNotExist();
        assertThat(cache.fresh()).get().extracting(TrustedRootCache.Cached::json).isEqualTo(other);
    }

    @Test
    void nothingCachedIsNotWarnedAbout() {
        TrustedRootCache cache = new TrustedRootCache(dir, CLOCK, TrustedRootCache.shippedTufRoot(), warnings::add);
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.ABSENT);
        assertThat(TrustedRootChoice.publicGood(cache).source()).contains("shipped");
        assertThat(warnings).isEmpty();
    }

    @Test
    void theShippedTufRootIsSigstoresAndHoldsOnItsOwn() throws Exception {
        byte[] root = TrustedRootCache.shippedTufRoot();
        assertThat(new String(root, java.nio.charset.StandardCharsets.UTF_8)).contains("\"_type\": \"root\"");
        // The shipped root verifies on its own (a bad signature would be named first) but has expired, so a
        // cache is only trusted with the newer roots a refresh stores beside it.
        Files.createDirectories(dir.resolve("public-good-tuf"));
        assertThat(new TrustedRootCache(dir, CLOCK).status().detail()).isEqualTo("shipped root.json v10 expired at 2025-02-19T08:04:32Z");
    }

    @Test
    void anotherRepositoryIsCachedApartByItsUrlAndNeverChosenOnItsOwn() throws Exception {
        byte[] target = TrustedRoot.publicGoodJson();
        TufFixture repo = new TufFixture(target);
        java.net.URI url = java.net.URI.create("https://tuf.example.test/repo");
        TrustedRootCache cache = TrustedRootCache.forRepository(dir, url, repo.shippedRoot(), CLOCK);
        assertThat(cache.repository()).contains(java.net.URI.create("https://tuf.example.test/repo/"));
        assertThat(cache.tufDirectory().getParent()).isEqualTo(dir.resolve("tuf"));
        assertThat(cache.tufDirectory()).isEqualTo(
                TrustedRootCache.forRepository(dir, java.net.URI.create("https://tuf.example.test/repo/"), repo.shippedRoot(), CLOCK)
                        .tufDirectory());
        assertThat(cache.tufDirectory()).isNotEqualTo(
                TrustedRootCache.forRepository(dir, java.net.URI.create("https://tuf.example.test/other"), repo.shippedRoot(), CLOCK)
                        .tufDirectory());
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.ABSENT);

        cache.refresh(TufFixture.fetcherDouble(repo.build()));
        assertThat(Files.readAllBytes(cache.trustedRootFile().orElseThrow())).isEqualTo(target);
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.VERIFIED);
        // never the public-good cache, and never chosen for verification without --trusted-root
        assertThat(dir.resolve("public-good-tuf")).doesNotExist();
        assertThat(cache.fresh()).isEmpty();

        // the copy for --trusted-root must be the target the chain vouches for
        Files.write(cache.trustedRootFile().orElseThrow(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(cache.status().state()).isEqualTo(TrustedRootCache.State.REJECTED);
        assertThat(cache.status().detail()).contains("is not the trusted_root.json the TUF metadata vouches for");
    }

    @Test
    void aRepositoryUrlMustBeHttpWithAHostAndTheRootMustHold() throws Exception {
        TufFixture repo = new TufFixture(TrustedRoot.publicGoodJson());
        for (String bad : List.of("file:///tmp/repo", "ftp://h/repo", "https:///repo", "https://h/repo?x=1", "https://h/repo#f",
                "https://u@h/repo", "repo")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> TrustedRootCache.forRepository(dir, java.net.URI.create(bad), repo.shippedRoot(), CLOCK))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] broken = repo.shippedRoot();
        broken[broken.length / 2] ^= 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TrustedRootCache.forRepository(dir, java.net.URI.create("http://127.0.0.1:1/"), broken, CLOCK))
                .isInstanceOf(dev.provenant.verifier.trust.tuf.TufException.class);
    }

    @Test
    void theCacheDirectoryFollowsTheEnvironment() {
        assertThat(TrustedRootCache.standard(Map.of("PROVENANT_CACHE_DIR", "/x/y")).tufDirectory())
                .isEqualTo(Path.of("/x/y", TrustedRootCache.TUF_DIRECTORY));
        assertThat(TrustedRootCache.standard(Map.of("XDG_CACHE_HOME", "/c")).tufDirectory())
                .isEqualTo(Path.of("/c/provenant", TrustedRootCache.TUF_DIRECTORY));
    }
}
