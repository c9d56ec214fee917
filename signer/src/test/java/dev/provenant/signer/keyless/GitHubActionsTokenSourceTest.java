package dev.provenant.signer.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the source through the variables a GitHub Actions job gets, against a local endpoint that
 * answers as GitHub's token service does only when the request carries the sigstore audience and the
 * request token as a bearer credential.
 */
class GitHubActionsTokenSourceTest {
    private static final String REQUEST_TOKEN = "request-token-123";
    private final String jwt = TestTokens.jwt("https://token.actions.githubusercontent.com", "repo:org/app:ref:refs/heads/main");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        body = "{\"count\":1,\"value\":\"" + jwt + "\"}";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(exchange.getRequestMethod() + " " + query + " " + auth);
        byte[] out;
        int code;
        if (!"GET".equals(exchange.getRequestMethod()) || query == null
                || !List.of(query.split("&")).contains("audience=sigstore")
                || !List.of(query.split("&")).contains("api-version=2.0")) {
            code = 400;
            out = "{\"message\":\"bad audience\"}".getBytes(StandardCharsets.UTF_8);
        } else if (!("bearer " + REQUEST_TOKEN).equalsIgnoreCase(auth == null ? "" : auth)) {
            code = 401;
            out = "{}".getBytes(StandardCharsets.UTF_8);
        } else {
            code = status;
            out = body.getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(code, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private Map<String, String> env(String token) {
        return Map.of(GitHubActionsTokenSource.URL_VARIABLE,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/token?api-version=2.0",
                GitHubActionsTokenSource.TOKEN_VARIABLE, token);
    }

    @Test
    void asksForTheSigstoreAudienceWithTheBearerRequestToken() throws Exception {
        GitHubActionsTokenSource source = new GitHubActionsTokenSource(env(REQUEST_TOKEN));
        assertThat(source.unavailableBecause()).isEmpty();
        IdentityToken token = source.fetch();
        assertThat(token.value()).isEqualTo(jwt);
        assertThat(token.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(token.source()).isEqualTo("GitHub Actions");
        assertThat(seen).containsExactly("GET api-version=2.0&audience=sigstore bearer " + REQUEST_TOKEN);
    }

    @Test
    void aWrongRequestTokenIsAServiceFailureThatNamesNoSecret() {
        GitHubActionsTokenSource source = new GitHubActionsTokenSource(env("wrong-token"));
        assertThatThrownBy(source::fetch).isInstanceOf(IdentityTokenException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("wrong-token")
                .satisfies(e -> assertThat(((IdentityTokenException) e).serviceFailed()).isTrue());
    }

    @Test
    void endpointErrorIsReported() {
        status = 500;
        assertThatThrownBy(new GitHubActionsTokenSource(env(REQUEST_TOKEN))::fetch).hasMessageContaining("HTTP 500");
    }

    @Test
    void malformedResponsesAreRefused() {
        body = "not json";
        assertThatThrownBy(new GitHubActionsTokenSource(env(REQUEST_TOKEN))::fetch).hasMessageContaining("not JSON");
        body = "{\"count\":0}";
        assertThatThrownBy(new GitHubActionsTokenSource(env(REQUEST_TOKEN))::fetch).hasMessageContaining("no \"value\"");
        body = "{\"value\":\"garbage\"}";
        assertThatThrownBy(new GitHubActionsTokenSource(env(REQUEST_TOKEN))::fetch).hasMessageContaining("not a JWT");
    }

    @Test
    void unreachableEndpointIsAServiceFailure() {
        int port = server.getAddress().getPort();
        server.stop(0);
        var source = new GitHubActionsTokenSource(Map.of(GitHubActionsTokenSource.URL_VARIABLE, "http://127.0.0.1:" + port + "/token",
                GitHubActionsTokenSource.TOKEN_VARIABLE, REQUEST_TOKEN));
        assertThatThrownBy(source::fetch).hasMessageContaining("failed")
                .satisfies(e -> assertThat(((IdentityTokenException) e).serviceFailed()).isTrue());
    }

    @Test
    void missingVariablesMakeItUnavailableAndSayWhich() {
        assertThat(new GitHubActionsTokenSource(Map.of()).unavailableBecause())
                .hasValueSatisfying(r -> assertThat(r).contains("ACTIONS_ID_TOKEN_REQUEST_URL").contains("not a GitHub Actions job"));
        assertThat(new GitHubActionsTokenSource(Map.of(GitHubActionsTokenSource.URL_VARIABLE, "http://127.0.0.1/x")).unavailableBecause())
                .hasValueSatisfying(r -> assertThat(r).contains("ACTIONS_ID_TOKEN_REQUEST_TOKEN").contains("id-token: write"));
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        var source = new GitHubActionsTokenSource(Map.of(GitHubActionsTokenSource.URL_VARIABLE, "file:///etc/passwd",
                GitHubActionsTokenSource.TOKEN_VARIABLE, REQUEST_TOKEN));
        assertThatThrownBy(source::fetch).hasMessageContaining("not an http(s) URL");
    }
}
