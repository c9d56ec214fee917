package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.tuf.TufFixture;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI (./provenant, which loads the TUF client from its lib folder) refreshes from a TUF
 * repository on loopback, and refuses the same repository once its target is tampered with.
 */
class TrustTufUrlIT {
    static final byte[] TARGET = TrustedRoot.publicGoodJson();

    @TempDir
    Path dir;

    HttpServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    TufFixture repo;

    @BeforeEach
    void serve() throws Exception {
        repo = new TufFixture(TARGET);
        repo.timestampExpires = Instant.now().plus(Duration.ofDays(7));
        repo.expires = Instant.now().plus(Duration.ofDays(365));
        served.putAll(repo.build());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Map<Path, Long> sizes(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(p -> p, p -> p.toFile().length()));
        }
    }

    @Test
    void refreshesThroughTheLaunchersLibFolderAndRefusesATamperedTarget() throws Exception {
        Path cache = dir.resolve("cache");
        Path root = dir.resolve("root.json");
        Files.write(root, repo.shippedRoot());
        Map<String, String> env = Map.of("PROVENANT_CACHE_DIR", cache.toString());
        List<String> refresh = List.of("./provenant", "trust", "refresh", "--tuf-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", "--tuf-root", root.toString());

        PackagedCli ok = PackagedCli.run(120, env, refresh);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        String stored = ok.output().substring(ok.output().indexOf("--trusted-root ") + "--trusted-root ".length(),
                ok.output().lastIndexOf(')'));
        assertThat(Path.of(stored)).startsWith(cache.resolve("tuf"));
        assertThat(Files.readAllBytes(Path.of(stored))).isEqualTo(TARGET);
        PackagedCli show = PackagedCli.run(120, env, List.of("./provenant", "trust", "show", "--trusted-root", stored));
        assertThat(show.exitCode()).as(show.output()).isZero();

        Map<Path, Long> before = sizes(cache);
        byte[] forged = TARGET.clone();
        forged[5] ^= 1;
        served.put("targets/" + TufFixture.sha256(TARGET) + "." + TufFixture.TARGET, forged);
        PackagedCli refused = PackagedCli.run(120, env, refresh);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(refused.output().lines()).singleElement().asString().contains("does not match its sha256 hash");
        assertThat(sizes(cache)).isEqualTo(before);
        assertThat(Files.readAllBytes(Path.of(stored))).isEqualTo(TARGET);
    }
}
