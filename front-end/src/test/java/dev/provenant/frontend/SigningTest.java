package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.keyless.SigstoreKeylessSigning;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.file.FileKeyProvider;
import dev.provenant.signer.keyless.IdentityTokenChain;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.TokenFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing with a key or keyless, as both front ends sign; keyless against the embedded Sigstore stack. */
class SigningTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    private static final String IDENTITY = "builder@example.test";

    @TempDir
    static Path dir;

    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY));
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Signing keyless(Path tokenFile, List<String> announced) throws Exception {
        KeylessInstance instance = KeylessInstance.of(stack.signingConfig(), stack.trustedRoot(), Map.of(), new Hints(FrontEnd.CLI));
        return Signing.keyless(new SigstoreKeylessSigning().open(instance.config(),
                new IdentityTokenChain(List.of(new TokenFileSource(tokenFile, "token file " + tokenFile)))), announced::add);
    }

    @Test
    void aKeySignsAndDescribesItself() throws Exception {
        Path artifact = Files.writeString(dir.resolve("key.txt"), "signed with a key\n");
        try (Signing signing = Signing.withKey(new FileKeyProvider().open(KEYS.resolve("ec-p256-sec1.pem").toString(),
                new SecretSource(Map.of(), "X", null)))) {
            Bundle bundle = signing.signArtifact(artifact, new ArtifactDigester());
            assertThat(bundle.messageSignature().messageDigest().digest()).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString(new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256).value()));
            assertThat(signing.identity()).isEmpty();
            assertThat(signing.description()).isNotBlank();
        }
    }

    @Test
    void keylessSaysOnceWhichSourceGaveTheTokenAndNamesTheIdentity() throws Exception {
        List<String> announced = new ArrayList<>();
        Path a = Files.writeString(dir.resolve("a.txt"), "a\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "b\n");
        try (Signing signing = keyless(stack.tokenFile(), announced)) {
            assertThat(signing.description()).isEqualTo("keyless signing (no identity token fetched)");
            signing.signArtifact(a, new ArtifactDigester());
            signing.signArtifact(b, new ArtifactDigester());
            assertThat(announced).containsExactly("Using the identity token from token file " + stack.tokenFile() + " (issuer "
                    + stack.oidcIssuer() + ", subject " + IDENTITY + ")");
            assertThat(signing.identity()).hasValueSatisfying(t -> assertThat(t.subject()).isEqualTo(IDENTITY));
            assertThat(signing.description()).startsWith("keyless identity " + IDENTITY + " (issuer " + stack.oidcIssuer());
        }
    }

    @Test
    void keylessWithoutAUsableTokenFailsAndAnnouncesNothing() throws Exception {
        List<String> announced = new ArrayList<>();
        Path notAToken = Files.writeString(dir.resolve("not-a-token"), "not a JWT\n");
        Path artifact = Files.writeString(dir.resolve("c.txt"), "c\n");
        try (Signing signing = keyless(notAToken, announced)) {
            assertThatThrownBy(() -> signing.signArtifact(artifact, new ArtifactDigester()))
                    .isInstanceOfAny(IdentityTokenException.class, SigningException.class);
        }
        assertThat(announced).isEmpty();
    }
}
