package dev.provenant.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.trust.tuf.TufFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredPublicGoodRootTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] b) {
        return "sha256:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(b));
    }

    @Test
    void fingerprintNamesTheRootThatWouldBeUsedWithoutParsingIt() throws Exception {
        byte[] other = TrustedRootCacheTest.otherRoot();
        TufFixture repo = new TufFixture(other);
        Clock clock = Clock.fixed(TufFixture.NOW, ZoneOffset.UTC);
        TrustedRootCache cache = new TrustedRootCache(dir, clock, repo.shippedRoot(), w -> { });
        assertThat(new DeferredPublicGoodRoot(cache).fingerprint()).isEqualTo(sha256(TrustedRoot.publicGoodJson()));

        TufFixture.write(dir.resolve("public-good-tuf"), repo.build());
        DeferredPublicGoodRoot root = new DeferredPublicGoodRoot(cache);
        assertThat(root.fingerprint()).isEqualTo(sha256(other));
        assertThat(root.source()).isEmpty();
        assertThat(root.get()).isEqualTo(TrustedRoot.parse(other));
        assertThat(root.source()).get().asString().contains("cache");

        // A target the metadata does not vouch for is neither fingerprinted nor used.
        Files.write(dir.resolve("public-good-tuf/targets/" + TufFixture.sha256(other) + ".trusted_root.json"),
                TrustedRoot.publicGoodJson());
        DeferredPublicGoodRoot tampered = new DeferredPublicGoodRoot(cache);
        assertThat(tampered.fingerprint()).isEqualTo(sha256(TrustedRoot.publicGoodJson()));
        assertThat(tampered.get()).isEqualTo(TrustedRoot.publicGood());
    }

    @Test
    void theShippedRootIsUsedWhenNothingIsCached() {
        DeferredPublicGoodRoot root = new DeferredPublicGoodRoot(new TrustedRootCache(dir, Clock.systemUTC()));
        assertThat(root.get()).isEqualTo(TrustedRoot.publicGood());
        assertThat(root.source()).get().asString().contains("shipped");
    }
}
