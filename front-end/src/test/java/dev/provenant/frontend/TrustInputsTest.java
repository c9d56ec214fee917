package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.identity.GithubClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust settings to signer trust, as both front ends take them; each refusal names the front end's own settings. */
class TrustInputsTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final Hints CLI = new Hints(FrontEnd.CLI);
    static final Hints MAVEN = new Hints(FrontEnd.MAVEN);
    static final Hints LIBRARY = new Hints(FrontEnd.LIBRARY);

    @TempDir
    Path dir;

    private static TrustInputs identity(Map<GithubClaim, String> claims) {
        return new TrustInputs(null, "builder@example.test", null, "https://issuer.example.test", null, claims);
    }

    @Test
    void aKeyAndAnIdentityTogetherAreRefusedInEachFrontEndsTerms() {
        for (TrustInputs both : new TrustInputs[] {
                new TrustInputs(KEYS.resolve("ec-p256.pub"), "a@example.test", null, null, null, Map.of()),
                new TrustInputs(KEYS.resolve("ec-p256.pub"), null, null, null, null, Map.of(GithubClaim.REF, "refs/heads/main"))}) {
            assertThatThrownBy(() -> both.signer(CLI)).isInstanceOf(SetupException.class)
                    .hasMessage("give either --key (key-signed bundles) or --certificate-identity and --certificate-oidc-issuer"
                            + " (keyless bundles), not both");
            assertThatThrownBy(() -> both.signer(MAVEN)).isInstanceOf(SetupException.class)
                    .hasMessage("configure either <publicKey> (key-signed bundles) or <certificateIdentity> and"
                            + " <certificateOidcIssuer> (keyless bundles), not both");
            assertThatThrownBy(() -> both.signer(LIBRARY)).isInstanceOf(SetupException.class)
                    .hasMessage("set either publicKey(..) (key-signed bundles) or certificateIdentity(..) and"
                            + " certificateOidcIssuer(..) (keyless bundles), not both");
        }
    }

    @Test
    void neitherKeyNorIdentityIsRefusedInEachFrontEndsTerms() {
        TrustInputs none = new TrustInputs(null, null, null, null, null, null);
        assertThat(none.given()).isFalse();
        assertThatThrownBy(() -> none.signer(CLI)).isInstanceOf(SetupException.class)
                .hasMessage("say who must have signed: --key PUB, or --certificate-identity ID and --certificate-oidc-issuer URL"
                        + " (or their -regexp forms)");
        assertThatThrownBy(() -> none.signer(MAVEN)).isInstanceOf(SetupException.class)
                .hasMessage("say who must have signed: <publicKey>, or <certificateIdentity> and <certificateOidcIssuer>"
                        + " (or their -Regexp forms)");
    }

    @Test
    void aKeyFileBecomesKeyTrustAndANonKeyIsRefusedWithItsName() throws Exception {
        assertThat(new TrustInputs(KEYS.resolve("ec-p256.pub"), null, null, null, null, Map.of()).signer(CLI))
                .isInstanceOf(SignerTrust.Key.class);
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pub"), "hello\n");
        assertThatThrownBy(() -> new TrustInputs(notAKey, null, null, null, null, Map.of()).signer(MAVEN))
                .isInstanceOf(SetupException.class).hasMessageStartingWith(notAKey + ": ");
    }

    @Test
    void githubClaimsArePinnedInTheIdentityPolicyAndAloneMakeTheTrustKeyless() throws Exception {
        Map<GithubClaim, String> claims = TrustInputs.githubClaims("acme/app", "refs/tags/v1.0", null, "push", null);
        assertThat(claims).containsOnlyKeys(GithubClaim.REPOSITORY, GithubClaim.REF, GithubClaim.TRIGGER);
        SignerTrust trust = identity(claims).signer(MAVEN);
        assertThat(((SignerTrust.Identity) trust).policy().githubClaims())
                .containsEntry(GithubClaim.REF, "refs/tags/v1.0").containsEntry(GithubClaim.TRIGGER, "push").hasSize(3);
        assertThat(new TrustInputs(null, null, null, null, null, claims).keyless()).isTrue();
    }

    @Test
    void aMalformedPatternIsASetupError() {
        assertThatThrownBy(() -> new TrustInputs(null, null, "([", "https://issuer.example.test", null, Map.of()).signer(CLI))
                .isInstanceOf(SetupException.class);
    }
}
