package dev.provenant.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootRefresher.RefreshException;
import dev.provenant.verifier.trust.tuf.TufFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh of a repository other than the public-good one, over HTTP on loopback. */
class OtherRepositoryRefreshTest {
    static final Clock CLOCK = Clock.fixed(TufFixture.NOW, ZoneOffset.UTC);
    static final byte[] TARGET = TrustedRoot.publicGoodJson();

    @TempDir
    Path dir;

    HttpServer server;
    URI url;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    TufFixture repo;

    @BeforeEach
    void serve() throws Exception {
        repo = new TufFixture(TARGET);
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
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TrustedRootCache cache() throws Exception {
        return TrustedRootCache.forRepository(dir, url, repo.shippedRoot(), CLOCK);
    }

    @Test
    void fetchesFromTheCachesRepository() throws Exception {
        TrustedRootCache.Cached cached = new TufTrustedRootRefresh().refresh(cache());
        assertThat(cached.json()).isEqualTo(TARGET);
        assertThat(Files.readAllBytes(cache().trustedRootFile().orElseThrow())).isEqualTo(TARGET);
    }

    @Test
    void aTamperedTargetIsRefusedNotAFailedFetch() throws Exception {
        String path = "targets/" + TufFixture.sha256(TARGET) + "." + TufFixture.TARGET;
        byte[] forged = TARGET.clone();
        forged[3] ^= 1;
        served.put(path, forged);
        assertThatThrownBy(() -> new TufTrustedRootRefresh().refresh(cache())).isInstanceOf(RefreshException.class)
                .hasMessageStartingWith("the TUF repository " + url + " does not hold: ")
                .satisfies(e -> assertThat(((RefreshException) e).refused()).isTrue());
        served.put(path, java.util.Arrays.copyOf(TARGET, TARGET.length + 1));
        assertThatThrownBy(() -> new TufTrustedRootRefresh().refresh(cache()))
                .satisfies(e -> assertThat(((RefreshException) e).refused()).isTrue());
        assertThat(cache().tufDirectory()).doesNotExist();
    }

    @Test
    void anUnreachableRepositoryIsAFailedFetch() throws Exception {
        server.stop(0);
        assertThatThrownBy(() -> new TufTrustedRootRefresh().refresh(cache())).isInstanceOf(RefreshException.class)
                .satisfies(e -> assertThat(((RefreshException) e).refused()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("cannot connect").doesNotContain("\n"));
        assertThat(cache().tufDirectory()).doesNotExist();
    }
}
