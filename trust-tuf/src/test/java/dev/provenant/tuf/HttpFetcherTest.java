package dev.provenant.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a loopback HTTP server: what is missing, what is too large, what fails. */
class HttpFetcherTest {
    HttpServer server;
    URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
            int status = path.equals("/timestamp.json") ? 200 : path.equals("/broken.json") ? 500 : 404;
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesBoundedFilesAndTellsMissingFromFailing() throws Exception {
        TufTrustedRootRefresh.HttpFetcher fetcher = new TufTrustedRootRefresh.HttpFetcher(base);
        assertThat(new String(fetcher.fetch("timestamp.json", 10).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(fetcher.fetch("11.root.json", 10)).isEmpty();
        assertThatThrownBy(() -> fetcher.fetch("timestamp.json", 9)).isInstanceOf(IOException.class)
                .hasMessageContaining("is larger than 9 bytes");
        assertThatThrownBy(() -> fetcher.fetch("broken.json", 10)).hasMessageContaining("answered HTTP 500");
    }

    @Test
    void anUnreachableRepositoryFailsInOneLineNamingTheFile() throws Exception {
        server.stop(0);
        TufTrustedRootRefresh.HttpFetcher fetcher = new TufTrustedRootRefresh.HttpFetcher(base);
        assertThatThrownBy(() -> fetcher.fetch("11.root.json", 10)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot fetch " + base + "11.root.json: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
