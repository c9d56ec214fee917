package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trusted root planted in the cache folder (a restored CI cache, a shared runner) is never used: the
 * packaged CLI warns once and verifies against the shipped public-good root.
 */
class TrustCacheIT {
    static final String IDENTITY =
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String ISSUER = "https://token.actions.githubusercontent.com";

    @TempDir
    Path cache;

    /** A Rekor v2 case of the conformance suite; skips the calling test when the suite was not given. */
    static Path rekor2Case() {
        return ConformanceSuite.bundleVerify("rekor2-happy-path");
    }

    private List<String> verify(String... extra) {
        List<String> cmd = new ArrayList<>(List.of("./provenant", "verify", "--bundle", rekor2Case().resolve("bundle.sigstore.json").toString(),
                "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER));
        cmd.addAll(List.of(extra));
        cmd.add(ConformanceSuite.bundleVerify("a.txt").toString());
        return cmd;
    }

    private static long warnings(String output) {
        return output.lines().filter(l -> l.contains("warning: ignoring the cached trusted root")).count();
    }

    @Test
    void aPlantedRootIsIgnoredWithOneWarningAndTheShippedRootDecides() throws Exception {
        Map<String, String> env = Map.of("PROVENANT_CACHE_DIR", cache.toString());
        byte[] foreign = Files.readAllBytes(rekor2Case().resolve("trusted_root.json"));

        // The foreign root vouches for this bundle (its own CA, log and TSA) ...
        PackagedCli control = PackagedCli.run(120, env, verify("--trusted-root", rekor2Case().resolve("trusted_root.json").toString()));
        assertThat(control.exitCode()).as(control.output()).isZero();

        // ... so planted where an unauthenticated copy used to be read, with a future modification time, it must not be.
        Path planted = cache.resolve("public-good-trusted_root.json");
        Files.write(planted, foreign);
        Files.setLastModifiedTime(planted, FileTime.from(Instant.now().plus(Duration.ofDays(3650))));
        PackagedCli legacy = PackagedCli.run(120, env, verify());
        assertThat(legacy.exitCode()).as(legacy.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(warnings(legacy.output())).as(legacy.output()).isEqualTo(1);
        assertThat(legacy.output()).contains("has no TUF metadata vouching for it");

        // Planted beside made-up TUF metadata: the chain from the shipped Sigstore root does not hold.
        Path tuf = cache.resolve("public-good-tuf");
        Files.createDirectories(tuf.resolve("targets"));
        Files.write(tuf.resolve("targets/planted.trusted_root.json"), foreign);
        Files.writeString(tuf.resolve("timestamp.json"), "{\"signatures\":[],\"signed\":{}}");
        Files.writeString(tuf.resolve("11.root.json"), "{\"signatures\":[],\"signed\":{\"_type\":\"root\"}}");
        PackagedCli withMetadata = PackagedCli.run(120, env, verify());
        assertThat(withMetadata.exitCode()).as(withMetadata.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(warnings(withMetadata.output())).as(withMetadata.output()).isEqualTo(1);
        assertThat(withMetadata.output()).contains("using the shipped public-good root");

        PackagedCli show = PackagedCli.run(120, env, List.of("./provenant", "trust", "show"));
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).contains("Trusted root: public-good root shipped with Provenant").contains("Cache: rejected: ");
    }
}
