package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.tuf.TufFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trust refresh --tuf-url --tuf-root} end to end, in process, against a TUF repository that a
 * JDK HTTP server serves on loopback, built with keys the test makes (its target is Provenant's own
 * public-good trusted_root.json, so what is stored is a root verification can read).
 */
class TrustRefreshTufUrlCliTest {
    static final byte[] TARGET = TrustedRoot.publicGoodJson();

    @TempDir
    Path dir;

    HttpServer server;
    URI url;
    /** What the server serves, by path; absent paths are 404. */
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    TufFixture repo;
    Path tufRoot;

    @BeforeEach
    void serve() throws Exception {
        repo = new TufFixture(TARGET);
        // the CLI checks expiry against the real clock
        repo.timestampExpires = Instant.now().plus(Duration.ofDays(7));
        repo.expires = Instant.now().plus(Duration.ofDays(365));
        served.putAll(repo.build());
        tufRoot = dir.resolve("root.json");
        Files.write(tufRoot, repo.shippedRoot());

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.startsWith("/repo/") ? served.get(path.substring("/repo/".length())) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        // each test has its own port, hence its own cache folder under the test cache
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TrustedRootCache cache() throws Exception {
        return TrustedRootCache.forRepository(TrustedRootCache.standard(System.getenv()).directory(), url, repo.shippedRoot(),
                Clock.systemUTC());
    }

    private CliRun refresh(Path root) {
        return CliRun.of("trust", "refresh", "--tuf-url", url.toString(), "--tuf-root", root.toString());
    }

    /** Every file in the cache folder with its bytes. */
    private Map<String, String> tree(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), TufFixture.sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /**
     * Publishes a new version of timestamp, snapshot and targets listing {@code listed} as the target,
     * while the server serves {@code servedTarget} under the listed name.
     */
    private void publish(byte[] listed, byte[] servedTarget) {
        repo.timestampVersion++;
        repo.snapshotVersion++;
        repo.targetsVersion++;
        ObjectNode targetsSigned = repo.targetsSigned();
        ObjectNode entry = (ObjectNode) targetsSigned.get("targets").get(TufFixture.TARGET);
        entry.put("length", listed.length);
        entry.putObject("hashes").put("sha256", TufFixture.sha256(listed));
        byte[] targets = TufFixture.sign(targetsSigned, List.of(repo.targetsKey));
        byte[] snapshot = TufFixture.sign(repo.snapshotSigned(targets), List.of(repo.snapshotKey));
        byte[] timestamp = TufFixture.sign(repo.timestampSigned(snapshot), List.of(repo.timestampKey));
        served.put("targets/" + TufFixture.sha256(listed) + "." + TufFixture.TARGET, servedTarget);
        served.put(repo.targetsVersion + ".targets.json", targets);
        served.put(repo.snapshotVersion + ".snapshot.json", snapshot);
        served.put("timestamp.json", timestamp);
    }

    private static byte[] newerTarget() {
        String json = new String(TARGET, StandardCharsets.UTF_8);
        return (json.substring(0, json.lastIndexOf('}')) + "\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRefreshStoresTheVerifiedTrustedRootApartFromThePublicGoodCacheAndPrintsItsPath() throws Exception {
        TrustedRootCache cache = cache();
        Path stored = cache.trustedRootFile().orElseThrow();
        Path publicGood = TrustedRootCache.standard(System.getenv()).tufDirectory();
        Map<String, String> publicGoodBefore = tree(publicGood);

        CliRun run = refresh(tufRoot);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Refreshed the trusted root from " + url + "/: " + stored)
                .contains("--trusted-root " + stored);
        assertThat(stored).startsWith(TrustedRootCache.standard(System.getenv()).directory().resolve("tuf"));
        assertThat(Files.readAllBytes(stored)).isEqualTo(TARGET);
        assertThat(tree(publicGood)).isEqualTo(publicGoodBefore);

        // The stored file is what verification takes, and `trust show` checks the cache again from the TUF root.
        CliRun show = CliRun.of("trust", "show", "--tuf-url", url.toString(), "--tuf-root", tufRoot.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("Trusted root: " + stored).contains("Cache: verified: TUF root v1, timestamp v5");
        CliRun showRoot = CliRun.of("trust", "show", "--trusted-root", stored.toString());
        assertThat(showRoot.exitCode()).as(showRoot.err()).isZero();

        // A newer version is picked up by the next refresh.
        byte[] newer = newerTarget();
        publish(newer, newer);
        CliRun again = refresh(tufRoot);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(stored)).isEqualTo(newer);
    }

    @Test
    void aTargetWhoseHashDiffersIsRefusedAndTheCacheIsLeftAsItWas() throws Exception {
        assertThat(refresh(tufRoot).exitCode()).isZero();
        Path folder = cache().tufDirectory();
        Map<String, String> before = tree(folder);

        byte[] newer = newerTarget();
        byte[] forged = newer.clone();
        forged[10] ^= 1;
        publish(newer, forged);
        CliRun run = refresh(tufRoot);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("provenant: trust refresh failed: the TUF repository " + url + "/ does not hold: ")
                .contains("does not match its sha256 hash").contains("is unchanged");
        assertThat(tree(folder)).isEqualTo(before);
    }

    @Test
    void aTargetLongerOrShorterThanListedIsRefusedAndTheCacheIsLeftAsItWas() throws Exception {
        assertThat(refresh(tufRoot).exitCode()).isZero();
        Path folder = cache().tufDirectory();
        Map<String, String> before = tree(folder);

        byte[] newer = newerTarget();
        for (byte[] wrong : List.of(java.util.Arrays.copyOf(newer, newer.length + 1), java.util.Arrays.copyOf(newer, newer.length - 1))) {
            publish(newer, wrong);
            CliRun run = refresh(tufRoot);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.NOT_TRUSTED);
            assertThat(run.err().lines()).singleElement().asString().contains("does not hold: ")
                    .contains(String.valueOf(newer.length));
            assertThat(tree(folder)).isEqualTo(before);
        }
    }

    @Test
    void aTufRootWithOtherKeysIsRefusedAndWritesNothing() throws Exception {
        Path other = dir.resolve("other-root.json");
        Files.write(other, new TufFixture(TARGET).shippedRoot());
        CliRun run = refresh(other);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(run.err().lines()).singleElement().asString().contains("does not hold: ").contains("timestamp");
        assertThat(Files.exists(cache().tufDirectory())).isFalse();

        // and after a good refresh, a refresh from the wrong root leaves the cache as it was
        assertThat(refresh(tufRoot).exitCode()).isZero();
        Map<String, String> before = tree(cache().tufDirectory());
        assertThat(refresh(other).exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(tree(cache().tufDirectory())).isEqualTo(before);
        // checked from the wrong root, the cache does not hold either
        CliRun show = CliRun.of("trust", "show", "--tuf-url", url.toString(), "--tuf-root", other.toString());
        assertThat(show.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(show.out()).isEmpty();
        assertThat(show.err().lines()).singleElement().asString().contains("does not hold: rejected: ");
    }

    @Test
    void aStoredCopyChangedAfterTheRefreshIsNotShownAsVerified() throws Exception {
        assertThat(refresh(tufRoot).exitCode()).isZero();
        Path stored = cache().trustedRootFile().orElseThrow();
        Files.write(stored, newerTarget());
        CliRun show = CliRun.of("trust", "show", "--tuf-url", url.toString(), "--tuf-root", tufRoot.toString());
        assertThat(show.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(show.err().lines()).singleElement().asString().contains("is not the trusted_root.json the TUF metadata vouches for");
    }

    @Test
    void anUnreachableRepositoryIsAServiceFailureInOneLine() throws Exception {
        server.stop(0);
        CliRun run = refresh(tufRoot);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SERVICE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("provenant: trust refresh failed: cannot refresh the trusted root: cannot fetch " + url + "/2.root.json: cannot connect")
                .contains("is unchanged");
        assertThat(Files.exists(cache().tufDirectory())).isFalse();
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        CliRun alone = CliRun.of("trust", "refresh", "--tuf-url", url.toString());
        assertThat(alone.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(alone.err().lines()).singleElement().asString().contains("--tuf-url and --tuf-root go together");

        CliRun scheme = CliRun.of("trust", "refresh", "--tuf-url", "ftp://127.0.0.1/repo", "--tuf-root", tufRoot.toString());
        assertThat(scheme.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(scheme.err()).contains("not an http or https URL");

        Path notRoot = dir.resolve("not-a-root.json");
        Files.writeString(notRoot, "{\"signed\":{}}");
        CliRun bad = refresh(notRoot);
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().lines()).singleElement().asString().contains("is not a usable TUF root");

        Path huge = dir.resolve("huge-root.json");
        Files.write(huge, new byte[(1 << 20) + 1]);
        CliRun tooLarge = refresh(huge);
        assertThat(tooLarge.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tooLarge.err().lines()).singleElement().asString().contains("is larger than the 1 MiB");

        CliRun missing = refresh(dir.resolve("absent.json"));
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err().lines()).singleElement().asString().contains("absent.json");
    }

    @Test
    void helpSaysWhereTheResultGoesAndHowVerificationUsesIt() {
        CliRun help = CliRun.of("trust", "refresh", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--tuf-url=URL").contains("--tuf-root=FILE").contains("tuf/SHA256-OF-URL/")
                .contains("--trusted-root");
    }

    @Test
    void jsonSaysWhereTheTrustedRootIsAndWhichExitCodeAFailureHas() throws Exception {
        CliRun ok = CliRun.of("trust", "refresh", "--json", "--tuf-url", url.toString(), "--tuf-root", tufRoot.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        var json = dev.provenant.attest.json.JsonCodec.mapper().readTree(ok.out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("repository").asText()).isEqualTo(url + "/");
        assertThat(json.get("trustedRoot").asText()).isEqualTo(cache().trustedRootFile().orElseThrow().toString());

        byte[] newer = newerTarget();
        byte[] forged = newer.clone();
        forged[7] ^= 1;
        publish(newer, forged);
        CliRun refused = CliRun.of("trust", "refresh", "--json", "--tuf-url", url.toString(), "--tuf-root", tufRoot.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.NOT_TRUSTED);
        var failure = dev.provenant.attest.json.JsonCodec.mapper().readTree(refused.out());
        assertThat(failure.get("ok").asBoolean()).isFalse();
        assertThat(failure.get("exitCode").asInt()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(failure.get("message").asText()).contains("does not match its sha256 hash");
    }
}
