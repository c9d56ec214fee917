package dev.provenant.signer.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTokenSourcesTest {
    @TempDir
    Path dir;

    private final String gitlab = TestTokens.jwt("https://gitlab.example.com", "project_path:group/app:ref_type:branch:ref:main");
    private final AtomicInteger browserCalls = new AtomicInteger();

    /** Stands in for the browser flow, which needs a person; counts whether the chain reached it. */
    private final IdentityTokenSource browser = new IdentityTokenSource() {
        @Override
        public String name() {
            return "browser";
        }

        @Override
        public Optional<String> unavailableBecause() {
            return Optional.empty();
        }

        @Override
        public IdentityToken fetch() throws IdentityTokenException {
            browserCalls.incrementAndGet();
            return IdentityToken.parse(TestTokens.jwt("https://oauth2.example", "me@example.com"), "browser");
        }
    };

    @Test
    void sigstoreIdTokenIsUsedOutsideGitHubActions() throws Exception {
        IdentityToken token = IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", gitlab, "CI", "true"), browser, false).fetch();
        assertThat(token.source()).isEqualTo("SIGSTORE_ID_TOKEN");
        assertThat(token.issuer()).isEqualTo("https://gitlab.example.com");
    }

    @Test
    void noSourceListsEveryOneTriedAndWhy() {
        assertThatThrownBy(() -> IdentityTokenSources.standard(null, Map.of("CI", "true"), browser, true).fetch())
                .isInstanceOf(IdentityTokenException.class)
                .hasMessageContaining("GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL is not set")
                .hasMessageContaining("SIGSTORE_ID_TOKEN: SIGSTORE_ID_TOKEN is not set")
                .hasMessageContaining("browser: CI is set")
                .satisfies(e -> assertThat(((IdentityTokenException) e).serviceFailed()).isFalse());
        assertThatThrownBy(() -> IdentityTokenSources.standard(null, Map.of(), browser, false).fetch())
                .hasMessageContaining("browser: no terminal attached");
        assertThat(browserCalls).hasValue(0);
    }

    @Test
    void browserRunsOnlyWithATerminalAndWithoutCi() throws Exception {
        IdentityToken token = IdentityTokenSources.standard(null, Map.of(), browser, true).fetch();
        assertThat(token.source()).isEqualTo("browser");
        assertThat(browserCalls).hasValue(1);
        assertThat(IdentityTokenSources.standard(null, Map.of("CI", ""), browser, true).fetch().source()).isEqualTo("browser");
    }

    @Test
    void aMalformedEnvironmentTokenIsReportedAndTheSearchGoesOn() throws Exception {
        IdentityToken token = IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", "not-a-jwt"), browser, true).fetch();
        assertThat(token.source()).isEqualTo("browser");
        assertThatThrownBy(() -> IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", "not-a-jwt"), browser, false).fetch())
                .hasMessageContaining("SIGSTORE_ID_TOKEN gave something that is not a JWT")
                .hasMessageNotContaining("not-a-jwt.");
    }

    @Test
    void anExplicitTokenFileIsTheOnlySourceWhenGiven() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, gitlab + "\n");
        IdentityToken token = IdentityTokenSources.standard("@" + file, Map.of("SIGSTORE_ID_TOKEN", "x"), browser, true).fetch();
        assertThat(token.value()).isEqualTo(gitlab);
        assertThat(token.source()).isEqualTo("--identity-token file " + file);
        assertThatThrownBy(() -> IdentityTokenSources.standard("@" + dir.resolve("missing"), Map.of(), browser, true).fetch())
                .hasMessageContaining("cannot read --identity-token file").hasMessageContaining("NoSuchFileException");
        assertThat(browserCalls).hasValue(0);
    }

    @Test
    void aLiteralTokenWorksAndIsMarkedLiteral() throws Exception {
        ExplicitTokenSource literal = new ExplicitTokenSource(gitlab);
        assertThat(literal.isLiteral()).isTrue();
        assertThat(literal.fetch().value()).isEqualTo(gitlab);
        assertThat(literal.name()).doesNotContain(gitlab);
        assertThat(new ExplicitTokenSource("@/x").isLiteral()).isFalse();
        assertThatThrownBy(() -> new ExplicitTokenSource("garbage").fetch()).hasMessageContaining("not a JWT");
    }

    @Test
    void aTokenFileIsNamedAsTheCallerConfiguredItAndRefusedWhenOversized() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), gitlab + "\n");
        IdentityToken token = new TokenFileSource(file, "<identityTokenFile> " + file).fetch();
        assertThat(token.value()).isEqualTo(gitlab);
        assertThat(token.source()).isEqualTo("<identityTokenFile> " + file);
        Path big = Files.writeString(dir.resolve("big"), "x".repeat(65 * 1024));
        assertThatThrownBy(() -> new TokenFileSource(big, "<identityTokenFile> big").fetch())
                .hasMessage("<identityTokenFile> big is too large to hold an identity token");
        assertThatThrownBy(() -> new TokenFileSource(dir.resolve("missing"), "<identityTokenFile> missing").fetch())
                .hasMessage("cannot read <identityTokenFile> missing: NoSuchFileException");
    }
}
