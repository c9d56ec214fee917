package dev.provenant.signer.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentityTokenTest {
    @Test
    void readsIssuerAndSubjectAndPrefersEmail() throws Exception {
        IdentityToken plain = IdentityToken.parse(TestTokens.jwt("https://issuer.example", "repo:org/app:ref:refs/heads/main"), "test");
        assertThat(plain.issuer()).isEqualTo("https://issuer.example");
        assertThat(plain.subject()).isEqualTo("repo:org/app:ref:refs/heads/main");
        IdentityToken mail = IdentityToken.parse(
                TestTokens.jwt("{\"iss\":\"https://accounts.example\",\"sub\":\"1234\",\"email\":\"dev@example.com\"}"), "test");
        assertThat(mail.subject()).isEqualTo("dev@example.com");
    }

    @Test
    void neverShowsTheTokenInToString() throws Exception {
        String jwt = TestTokens.jwt("https://issuer.example", "someone");
        IdentityToken token = IdentityToken.parse("  " + jwt + "\n", "test");
        assertThat(token.value()).isEqualTo(jwt);
        assertThat(token.toString()).doesNotContain(jwt).doesNotContain(jwt.split("\\.")[1])
                .contains("https://issuer.example").contains("someone").contains("test");
    }

    @Test
    void refusesMalformedTokensWithoutEchoingThem() {
        for (String bad : new String[] {"", "   ", "abc", "a.b", "a.b.c.d", "!!!.@@@.x",
            TestTokens.jwt("[1,2]"), TestTokens.jwt("{\"sub\":\"x\"}"), TestTokens.jwt("{\"iss\":\"https://i\"}"),
            TestTokens.jwt("{\"iss\":\"https://i\",\"sub\":\"\"}")}) {
            assertThatThrownBy(() -> IdentityToken.parse(bad, "SIGSTORE_ID_TOKEN"))
                    .isInstanceOf(IdentityTokenException.class)
                    .hasMessageStartingWith("SIGSTORE_ID_TOKEN")
                    .satisfies(e -> {
                        if (bad.length() > 5) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
    }

    @Test
    void refusesHugeInput() {
        String huge = "a".repeat(70_000) + ".b.c";
        assertThatThrownBy(() -> IdentityToken.parse(huge, "x")).hasMessageContaining("too many");
    }
}
