package dev.provenant.signer.keyless;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of GitHub Actions' OIDC token service, which runs only inside GitHub's runners. It
 * answers as that service does ({@code {"count":1,"value":"<JWT>"}}) only to the request a job makes:
 * a GET of the request URL with {@code api-version=2.0} and {@code audience=sigstore}, carrying the
 * job's request token as {@code Authorization: bearer}; anything else gets 400 or 401.
 */
public final class GitHubTokenServiceDouble implements AutoCloseable {
    private final HttpServer server;
    private final String requestToken;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body;

    public GitHubTokenServiceDouble(String requestToken, String idToken) throws IOException {
        this.requestToken = requestToken;
        answerWithToken(idToken);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::answer);
        server.start();
    }

    /** The variables a GitHub Actions job with {@code permissions: id-token: write} gets, for this service. */
    public Map<String, String> jobEnvironment(String requestTokenToSend) {
        return Map.of(GitHubActionsTokenSource.URL_VARIABLE, "http://127.0.0.1:" + port() + "/token?api-version=2.0",
                GitHubActionsTokenSource.TOKEN_VARIABLE, requestTokenToSend);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Each request seen: method, query and Authorization header. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void answerWithToken(String idToken) {
        this.body = "{\"count\":1,\"value\":\"" + idToken + "\"}";
    }

    public void answerWith(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " " + query + " " + auth);
        List<String> params = query == null ? List.of() : List.of(query.split("&"));
        int code;
        String out;
        if (!"GET".equals(exchange.getRequestMethod()) || !params.contains("audience=sigstore") || !params.contains("api-version=2.0")) {
            code = 400;
            out = "{\"message\":\"bad request\"}";
        } else if (!("bearer " + requestToken).equalsIgnoreCase(auth == null ? "" : auth)) {
            code = 401;
            out = "{}";
        } else {
            code = status;
            out = body;
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
