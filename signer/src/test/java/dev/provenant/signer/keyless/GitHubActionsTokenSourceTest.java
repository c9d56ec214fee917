package dev.provenant.signer.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the source through the variables a GitHub Actions job gets, against a double of GitHub's
 * token service that answers only a request with the sigstore audience and the bearer request token.
 */
class GitHubActionsTokenSourceTest {
    private static final String REQUEST_TOKEN = "request-token-123";
    private final String jwt = TestTokens.jwt("https://token.actions.githubusercontent.com", "repo:org/app:ref:refs/heads/main");
    private GitHubTokenServiceDouble service;

    @BeforeEach
    void start() throws Exception {
        service = new GitHubTokenServiceDouble(REQUEST_TOKEN, jwt);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void asksForTheSigstoreAudienceWithTheBearerRequestToken() throws Exception {
        GitHubActionsTokenSource source = new GitHubActionsTokenSource(service.jobEnvironment(REQUEST_TOKEN));
        assertThat(source.unavailableBecause()).isEmpty();
        IdentityToken token = source.fetch();
        assertThat(token.value()).isEqualTo(jwt);
        assertThat(token.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(token.source()).isEqualTo("GitHub Actions");
        assertThat(service.requests()).containsExactly("GET api-version=2.0&audience=sigstore bearer " + REQUEST_TOKEN);
    }

    @Test
    void aWrongRequestTokenIsAServiceFailureThatNamesNoSecret() {
        GitHubActionsTokenSource source = new GitHubActionsTokenSource(service.jobEnvironment("wrong-token"));
        assertThatThrownBy(source::fetch).isInstanceOf(IdentityTokenException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("wrong-token")
                .satisfies(e -> assertThat(((IdentityTokenException) e).serviceFailed()).isTrue());
    }

    @Test
    void endpointErrorIsReported() {
        service.answerWith(500, "{}");
        assertThatThrownBy(new GitHubActionsTokenSource(service.jobEnvironment(REQUEST_TOKEN))::fetch).hasMessageContaining("HTTP 500");
    }

    @Test
    void malformedResponsesAreRefused() {
        var env = service.jobEnvironment(REQUEST_TOKEN);
        service.answerWith(200, "not json");
        assertThatThrownBy(new GitHubActionsTokenSource(env)::fetch).hasMessageContaining("not JSON");
        service.answerWith(200, "{\"count\":0}");
        assertThatThrownBy(new GitHubActionsTokenSource(env)::fetch).hasMessageContaining("no \"value\"");
        service.answerWith(200, "{\"value\":\"garbage\"}");
        assertThatThrownBy(new GitHubActionsTokenSource(env)::fetch).hasMessageContaining("not a JWT");
    }

    @Test
    void unreachableEndpointIsAServiceFailure() {
        var env = service.jobEnvironment(REQUEST_TOKEN);
        service.close();
        assertThatThrownBy(new GitHubActionsTokenSource(env)::fetch).hasMessageContaining("failed")
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

    @Test
    void githubActionsComesBeforeSigstoreIdToken() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(service.jobEnvironment(REQUEST_TOKEN));
        env.put("SIGSTORE_ID_TOKEN", TestTokens.jwt("https://gitlab.example.com", "x"));
        assertThat(IdentityTokenSources.standard(null, env, null, false).fetch().source()).isEqualTo("GitHub Actions");
        service.answerWith(503, "{}");
        IdentityToken fallback = IdentityTokenSources.standard(null, env, null, false).fetch();
        assertThat(fallback.source()).isEqualTo("SIGSTORE_ID_TOKEN");
    }
}
