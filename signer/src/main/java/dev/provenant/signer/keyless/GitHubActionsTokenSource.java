package dev.provenant.signer.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Actions' OIDC token: a job with {@code permissions: id-token: write} gets
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}; a GET of that URL
 * with {@code audience=sigstore} and the request token as a bearer credential answers
 * {@code {"value": "<JWT>"}}.
 */
public final class GitHubActionsTokenSource implements IdentityTokenSource {
    public static final String URL_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public static final String TOKEN_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    public static final String AUDIENCE = "sigstore";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RESPONSE = 64 * 1024;

    private final Map<String, String> env;

    public GitHubActionsTokenSource(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "GitHub Actions";
    }

    @Override
    public Optional<String> unavailableBecause() {
        boolean url = isSet(URL_VARIABLE);
        boolean token = isSet(TOKEN_VARIABLE);
        if (url && token) {
            return Optional.empty();
        }
        if (!url && !token) {
            return Optional.of(URL_VARIABLE + " is not set (not a GitHub Actions job)");
        }
        return Optional.of((url ? TOKEN_VARIABLE : URL_VARIABLE)
                + " is not set (does the job have permissions: id-token: write?)");
    }

    private boolean isSet(String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    @Override
    public IdentityToken fetch() throws IdentityTokenException {
        URI uri = requestUri(env.get(URL_VARIABLE));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "bearer " + env.get(TOKEN_VARIABLE))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IdentityTokenException(name() + ": token request to " + hostOf(uri) + " failed: "
                    + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityTokenException(name() + ": token request interrupted", true, e);
        }
        if (response.statusCode() != 200) {
            throw new IdentityTokenException(name() + ": token request to " + hostOf(uri) + " answered HTTP "
                    + response.statusCode(), true, null);
        }
        byte[] body = response.body();
        if (body.length > MAX_RESPONSE) {
            throw new IdentityTokenException(name() + ": token response of " + body.length + " bytes is too large");
        }
        JsonNode value;
        try {
            value = JsonCodec.readTree(body, "token response").get("value");
        } catch (FormatException e) {
            throw new IdentityTokenException(name() + ": token response is not JSON");
        }
        if (value == null || !value.isTextual()) {
            throw new IdentityTokenException(name() + ": token response has no \"value\"");
        }
        return IdentityToken.parse(value.asText(), name());
    }

    private URI requestUri(String url) throws IdentityTokenException {
        String separator = url.contains("?") ? "&" : "?";
        try {
            URI uri = URI.create(url + separator + "audience=" + URLEncoder.encode(AUDIENCE, StandardCharsets.UTF_8));
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IdentityTokenException(name() + ": " + URL_VARIABLE + " is not an http(s) URL");
        }
    }

    private static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
