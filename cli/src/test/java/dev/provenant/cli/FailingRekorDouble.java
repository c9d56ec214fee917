package dev.provenant.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of a Rekor v1 log that fails: the embedded stack's log cannot be made to answer HTTP 500
 * on demand. It checks the request is a Rekor v1 entry proposal ({@code POST /api/v1/log/entries}, JSON)
 * and answers as Rekor does when its storage fails ({@code {"code":500,"message":...}}); anything else gets 404.
 */
final class FailingRekorDouble implements AutoCloseable {
    static final String MESSAGE = "error writing to trillian";
    private final HttpServer server;
    private final AtomicInteger proposals = new AtomicInteger();

    FailingRekorDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean proposal = "POST".equals(exchange.getRequestMethod())
                    && "/api/v1/log/entries".equals(exchange.getRequestURI().getPath())
                    && String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")
                    && exchange.getRequestBody().readAllBytes().length > 0;
            int status = proposal ? 500 : 404;
            if (proposal) {
                proposals.incrementAndGet();
            }
            byte[] body = ("{\"code\":" + status + ",\"message\":\"" + (proposal ? MESSAGE : "not found") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many well-formed entry proposals it was sent. */
    int proposals() {
        return proposals.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
