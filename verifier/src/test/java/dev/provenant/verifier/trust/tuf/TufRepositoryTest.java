package dev.provenant.verifier.trust.tuf;

import static dev.provenant.verifier.trust.tuf.TufFixture.NOW;
import static dev.provenant.verifier.trust.tuf.TufFixture.TARGET;
import static dev.provenant.verifier.trust.tuf.TufFixture.sha256;
import static dev.provenant.verifier.trust.tuf.TufFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufRepositoryTest {
    static final byte[] TARGET_BYTES = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    TufFixture repo;

    @BeforeEach
    void keys() throws Exception {
        repo = new TufFixture(TARGET_BYTES);
    }

    private TufRepository client() {
        return new TufRepository(repo.shippedRoot(), TARGET);
    }

    private TufRepository.Verified verify() throws Exception {
        return client().verifyCache(dir, NOW);
    }

    private void rejected(String message) {
        assertThatThrownBy(this::verify).isInstanceOf(TufException.class).hasMessageContaining(message);
    }

    @Test
    void aValidChainVouchesForTheTarget() throws Exception {
        TufFixture.write(dir, repo.build());
        TufRepository.Verified v = verify();
        assertThat(v.target()).isEqualTo(TARGET_BYTES);
        assertThat(v.rootVersion()).isEqualTo(1);
        assertThat(v.timestampVersion()).isEqualTo(5);
        assertThat(v.snapshotVersion()).isEqualTo(4);
        assertThat(v.targetsVersion()).isEqualTo(3);
        assertThat(v.expires()).isEqualTo(repo.timestampExpires);
    }

    @Test
    void aTargetWithoutMetadataIsNeverUsed() throws Exception {
        Files.createDirectories(dir.resolve("targets"));
        Files.write(dir.resolve("targets/" + sha256(TARGET_BYTES) + "." + TARGET), TARGET_BYTES);
        rejected("timestamp.json is missing");
    }

    @Test
    void aTargetWhoseHashDiffersIsRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        byte[] forged = TARGET_BYTES.clone();
        forged[forged.length - 2] ^= 1;
        files.put("targets/" + sha256(TARGET_BYTES) + "." + TARGET, forged);
        TufFixture.write(dir, files);
        rejected("does not match its sha256 hash");
    }

    @Test
    void aTargetWhoseLengthDiffersIsRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        String path = "targets/" + sha256(TARGET_BYTES) + "." + TARGET;
        files.put(path, Arrays.copyOf(TARGET_BYTES, TARGET_BYTES.length - 1));
        TufFixture.write(dir, files);
        rejected("bytes; ");
        files.put(path, Arrays.copyOf(TARGET_BYTES, TARGET_BYTES.length + 1));
        TufFixture.write(dir, files);
        rejected("larger than " + TARGET_BYTES.length);
    }

    @Test
    void aFetchedTargetLongerThanListedIsATufFailureAndNothingIsStored() throws Exception {
        Map<String, byte[]> remote = repo.build();
        remote.put("targets/" + sha256(TARGET_BYTES) + "." + TARGET, Arrays.copyOf(TARGET_BYTES, TARGET_BYTES.length + 1));
        assertThatThrownBy(() -> client().refresh(dir, TufFixture.fetcherDouble(remote), NOW)).isInstanceOf(TufException.class)
                .hasMessageContaining("is longer than the " + TARGET_BYTES.length + " bytes 3.targets.json lists for it");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anInitialRootMustHoldOnItsOwn() throws Exception {
        assertThat(TufRepository.checkRootOfTrust(repo.shippedRoot())).isEqualTo(1);
        ObjectNode signed = repo.rootSigned(1, repo.rootKeys, 2, repo.timestampKey);
        byte[] underThreshold = sign(signed, List.of(repo.rootKeys.get(0)));
        assertThatThrownBy(() -> TufRepository.checkRootOfTrust(underThreshold)).isInstanceOf(TufException.class);
        assertThatThrownBy(() -> TufRepository.checkRootOfTrust("{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(TufException.class);
    }

    @Test
    void aSnapshotOfAnotherVersionThanTheTimestampNamesIsRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        byte[] targets = files.get("3.targets.json");
        repo.snapshotVersion = 9;
        byte[] snapshot = sign(repo.snapshotSigned(targets), List.of(repo.snapshotKey));
        repo.snapshotVersion = 4;
        files.put("4.snapshot.json", snapshot);
        files.put("timestamp.json", sign(repo.timestampSigned(snapshot), List.of(repo.timestampKey)));
        TufFixture.write(dir, files);
        rejected("4.snapshot.json has version 9 but timestamp.json names 4");
    }

    @Test
    void targetsOfAnotherVersionThanTheSnapshotNamesAreRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        repo.targetsVersion = 2;
        byte[] targets = sign(repo.targetsSigned(), List.of(repo.targetsKey));
        repo.targetsVersion = 3;
        byte[] snapshot = sign(repo.snapshotSigned(targets), List.of(repo.snapshotKey));
        files.put("3.targets.json", targets);
        files.put("4.snapshot.json", snapshot);
        files.put("timestamp.json", sign(repo.timestampSigned(snapshot), List.of(repo.timestampKey)));
        TufFixture.write(dir, files);
        rejected("3.targets.json has version 2 but 4.snapshot.json names 3");
    }

    @Test
    void anExpiredTimestampIsRefused() throws Exception {
        repo.timestampExpires = NOW.minusSeconds(1);
        TufFixture.write(dir, repo.build());
        rejected("timestamp.json v5 expired at");
    }

    @Test
    void expiredSnapshotTargetsOrFinalRootAreRefused() throws Exception {
        repo.expires = NOW.minusSeconds(1);
        TufFixture.write(dir, repo.build());
        // the shipped root (the final root here) expired too: nothing can be fresh
        rejected("expired at");
    }

    @Test
    void aSignatureByAKeyTheRootDoesNotListIsRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        TufFixture.Key stranger = TufFixture.Key.ed25519();
        byte[] snapshot = files.get("4.snapshot.json");
        files.put("timestamp.json", sign(repo.timestampSigned(snapshot), List.of(stranger)));
        TufFixture.write(dir, files);
        rejected("timestamp.json is signed by 0 of the 1 distinct timestamp keys");

        // The stranger's signature under the real key's id does not verify either.
        ObjectNode doc = (ObjectNode) com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(sign(repo.timestampSigned(snapshot), List.of(stranger)));
        ((ObjectNode) doc.get("signatures").get(0)).put("keyid", repo.timestampKey.keyid());
        files.put("timestamp.json", doc.toString().getBytes(StandardCharsets.UTF_8));
        TufFixture.write(dir, files);
        rejected("(1 invalid signature)");
    }

    @Test
    void aRootSignedByKeysTheTrustedRootDoesNotListIsRefused() throws Exception {
        List<TufFixture.Key> strangers = List.of(TufFixture.Key.ecdsa(), TufFixture.Key.ecdsa());
        TufFixture.Key ts = TufFixture.Key.ed25519();
        repo.timestampKey = ts;
        Map<String, byte[]> files = repo.build();
        files.put("2.root.json", sign(repo.rootSigned(2, strangers, 2, ts), strangers));
        TufFixture.write(dir, files);
        rejected("2.root.json is signed by 0 of the 2 distinct root keys root v1 requires");
    }

    @Test
    void oneKeyListedTwiceDoesNotMeetAThresholdOfTwo() throws Exception {
        // The root role lists key 0 twice with threshold 2; a root signed by key 0 alone does not hold.
        TufFixture.Key k = repo.rootKeys.get(0);
        ObjectNode root = repo.rootSigned(1, List.of(k, k), 2, repo.timestampKey);
        byte[] shipped = sign(root, List.of(k));
        assertThatThrownBy(() -> new TufRepository(shipped, TARGET).verifyCache(dir, NOW))
                .isInstanceOf(TufException.class).hasMessageContaining("signed by 1 of the 2 distinct root keys");

        // Two key ids naming one public key count once, even with a signature under each id.
        ObjectNode twoIds = repo.rootSigned(1, repo.rootKeys, 2, repo.timestampKey);
        String alias = "00".repeat(32);
        ((ObjectNode) twoIds.get("keys")).set(alias, repo.timestampKey.sslib().toJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) twoIds.get("roles").get("timestamp").get("keyids")).add(alias);
        ((ObjectNode) twoIds.get("roles").get("timestamp")).put("threshold", 2);
        byte[] shipped2 = sign(twoIds, repo.rootKeys);
        Map<String, byte[]> files = repo.build();
        ObjectNode ts = (ObjectNode) com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(sign(repo.timestampSigned(files.get("4.snapshot.json")), List.of(repo.timestampKey, repo.timestampKey)));
        ((ObjectNode) ts.get("signatures").get(1)).put("keyid", alias);
        files.put("timestamp.json", ts.toString().getBytes(StandardCharsets.UTF_8));
        TufFixture.write(dir, files);
        assertThatThrownBy(() -> new TufRepository(shipped2, TARGET).verifyCache(dir, NOW))
                .isInstanceOf(TufException.class).hasMessageContaining("signed by 1 of the 2 distinct timestamp keys");

        // One key id signing twice is refused outright.
        ((ObjectNode) ts.get("signatures").get(1)).put("keyid", repo.timestampKey.keyid());
        files.put("timestamp.json", ts.toString().getBytes(StandardCharsets.UTF_8));
        TufFixture.write(dir, files);
        rejected("two signatures by key");
    }

    @Test
    void aRotatedRootChainIsFollowedWithBothThresholds() throws Exception {
        List<TufFixture.Key> newRoots = List.of(TufFixture.Key.ecdsa(), TufFixture.Key.ecdsa());
        TufFixture.Key newTs = TufFixture.Key.ed25519();
        TufFixture.Key oldTs = repo.timestampKey;
        byte[] shipped = repo.shippedRoot();
        repo.timestampKey = newTs;
        Map<String, byte[]> files = repo.build();
        ObjectNode v2 = repo.rootSigned(2, newRoots, 2, newTs);
        List<TufFixture.Key> both = List.of(repo.rootKeys.get(0), repo.rootKeys.get(1), newRoots.get(0), newRoots.get(1));

        files.put("2.root.json", sign(v2, both));
        TufFixture.write(dir, files);
        assertThat(new TufRepository(shipped, TARGET).verifyCache(dir, NOW).rootVersion()).isEqualTo(2);

        // The timestamp key rotated: one signed by the old key no longer holds.
        byte[] oldSigned = sign(repo.timestampSigned(files.get("4.snapshot.json")), List.of(oldTs));
        Files.write(dir.resolve("timestamp.json"), oldSigned);
        assertThatThrownBy(() -> new TufRepository(shipped, TARGET).verifyCache(dir, NOW))
                .hasMessageContaining("timestamp.json is signed by 0 of the 1");
        TufFixture.write(dir, files);

        // Signed by the new keys only, or the old ones only: the new root does not hold.
        Files.write(dir.resolve("2.root.json"), sign(v2, newRoots));
        assertThatThrownBy(() -> new TufRepository(shipped, TARGET).verifyCache(dir, NOW))
                .hasMessageContaining("2.root.json is signed by 0 of the 2 distinct root keys root v1 requires");
        Files.write(dir.resolve("2.root.json"), sign(v2, repo.rootKeys));
        assertThatThrownBy(() -> new TufRepository(shipped, TARGET).verifyCache(dir, NOW))
                .hasMessageContaining("2.root.json is signed by 0 of the 2 distinct root keys root v2 requires");

        // An intermediate root may have expired; only the final one must not.
        repo.expires = NOW.minus(Duration.ofDays(1));
        byte[] expiredShipped = sign(repo.rootSigned(1, repo.rootKeys, 2, oldTs), repo.rootKeys);
        repo.expires = NOW.plus(Duration.ofDays(365));
        Files.write(dir.resolve("2.root.json"), sign(v2, both));
        assertThat(new TufRepository(expiredShipped, TARGET).verifyCache(dir, NOW).rootVersion()).isEqualTo(2);
    }

    @Test
    void aRootWhoseVersionDoesNotFollowIsRefused() throws Exception {
        Map<String, byte[]> files = repo.build();
        // 2.root.json holding a root that says version 1 (a replay of an older root): rollback.
        files.put("2.root.json", sign(repo.rootSigned(1, repo.rootKeys, 2, repo.timestampKey), repo.rootKeys));
        TufFixture.write(dir, files);
        rejected("2.root.json has version 1, not 2");
    }

    @Test
    void aRefreshStoresAVerifiedRepositoryAndRefusesRollbacks() throws Exception {
        Map<String, byte[]> remote = new HashMap<>(repo.build());
        TufRepository.Verified fetched = client().refresh(dir, TufFixture.fetcherDouble(remote), NOW);
        assertThat(fetched.target()).isEqualTo(TARGET_BYTES);
        assertThat(verify().timestampVersion()).isEqualTo(5);
        byte[] cachedTimestamp = Files.readAllBytes(dir.resolve("timestamp.json"));

        // An older, validly signed, unexpired timestamp from the repository is a rollback.
        repo.timestampVersion = 4;
        Map<String, byte[]> older = repo.build();
        assertThatThrownBy(() -> client().refresh(dir, TufFixture.fetcherDouble(older), NOW))
                .isInstanceOf(TufException.class).hasMessageContaining("timestamp.json version 4 is older than the cached version 5");
        assertThat(Files.readAllBytes(dir.resolve("timestamp.json"))).isEqualTo(cachedTimestamp);

        // A newer timestamp naming an older snapshot, or a snapshot naming older targets, too.
        repo.timestampVersion = 6;
        repo.snapshotVersion = 3;
        Map<String, byte[]> olderSnapshot = repo.build();
        assertThatThrownBy(() -> client().refresh(dir, TufFixture.fetcherDouble(olderSnapshot), NOW))
                .hasMessageContaining("names snapshot version 3, older than the cached 4");
        repo.snapshotVersion = 5;
        repo.targetsVersion = 2;
        Map<String, byte[]> olderTargets = repo.build();
        assertThatThrownBy(() -> client().refresh(dir, TufFixture.fetcherDouble(olderTargets), NOW))
                .hasMessageContaining("names targets.json version 2, older than the cached 3");

        // Expired metadata is refused for a fresh update, and nothing is written.
        repo.targetsVersion = 4;
        repo.timestampExpires = NOW.minusSeconds(1);
        Map<String, byte[]> expired = repo.build();
        assertThatThrownBy(() -> client().refresh(dir, TufFixture.fetcherDouble(expired), NOW))
                .hasMessageContaining("expired");
        assertThat(Files.readAllBytes(dir.resolve("timestamp.json"))).isEqualTo(cachedTimestamp);

        // A newer repository is taken, and the files only the old one needed are removed after the next refresh.
        repo.timestampExpires = NOW.plus(Duration.ofDays(7));
        Map<String, byte[]> newer = repo.build();
        assertThat(client().refresh(dir, TufFixture.fetcherDouble(newer), NOW).timestampVersion()).isEqualTo(6);
        assertThat(verify().snapshotVersion()).isEqualTo(5);
        assertThat(dir.resolve("4.snapshot.json")).exists(); // the previous set, for a reader that started on it
        repo.timestampVersion = 7;
        repo.snapshotVersion = 6;
        client().refresh(dir, TufFixture.fetcherDouble(repo.build()), NOW);
        assertThat(dir.resolve("4.snapshot.json")).doesNotExist();
        assertThat(dir.resolve("3.targets.json")).doesNotExist();
    }

    @Test
    void aRefreshFollowsRootRotationsAndStoresTheChain() throws Exception {
        byte[] shipped = repo.shippedRoot();
        List<TufFixture.Key> newRoots = List.of(TufFixture.Key.ecdsa(), TufFixture.Key.ecdsa());
        List<TufFixture.Key> both = List.of(repo.rootKeys.get(0), repo.rootKeys.get(1), newRoots.get(0), newRoots.get(1));
        Map<String, byte[]> remote = new HashMap<>(repo.build());
        remote.put("2.root.json", sign(repo.rootSigned(2, newRoots, 2, repo.timestampKey), both));
        remote.put("3.root.json", sign(repo.rootSigned(3, newRoots, 2, repo.timestampKey), newRoots));
        // A stray root file past the repository's last root (which would stop every offline check) is removed.
        Files.writeString(dir.resolve("4.root.json"), "{}");
        assertThat(new TufRepository(shipped, TARGET).refresh(dir, TufFixture.fetcherDouble(remote), NOW).rootVersion()).isEqualTo(3);
        assertThat(dir.resolve("2.root.json")).exists();
        assertThat(dir.resolve("4.root.json")).doesNotExist();
        assertThat(new TufRepository(shipped, TARGET).verifyCache(dir, NOW).rootVersion()).isEqualTo(3);

        // A remote root that skips a version is refused.
        remote.put("4.root.json", sign(repo.rootSigned(5, newRoots, 2, repo.timestampKey), newRoots));
        assertThatThrownBy(() -> new TufRepository(shipped, TARGET).refresh(dir, TufFixture.fetcherDouble(remote), NOW))
                .hasMessageContaining("4.root.json has version 5, not 4");
        assertThat(dir.resolve("4.root.json")).doesNotExist();
    }
}
