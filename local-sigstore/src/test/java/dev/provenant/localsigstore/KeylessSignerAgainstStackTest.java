package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-java 2.0.0's own KeylessSigner signs against the embedded stack (sign() through Rekor v1,
 * attest() through Rekor v2 and the TSA), and Provenant's verifier checks the bundles with the trusted
 * root the stack wrote.
 */
class KeylessSignerAgainstStackTest {
    static final Identity IDENTITY = Identity.parse("builder@example.test");

    @TempDir
    static Path dir;
    static LocalSigstore stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, IDENTITY);
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static KeylessSigner signer(boolean rekorV2, String token) throws Exception {
        return KeylessSigner.builder()
                .trustedRootProvider(TrustedRootProvider.from(stack.trustedRoot()))
                .signingConfigProvider(SigningConfigProvider.from(stack.signingConfig()))
                .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(token)))
                .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                .enableRekorV2(rekorV2)
                .build();
    }

    static VerificationResult verify(byte[] bundleJson, Path artifact, String identity) throws Exception {
        TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot()));
        return new BundleVerifier(root).verify(Bundle.parse(bundleJson), List.of(new Artifact.FileArtifact(artifact)),
                VerificationPolicy.ofIdentity(IdentityPolicy.exact(identity, stack.oidcIssuer())));
    }

    @Test
    void signWithRekorV1VerifiesWithProvenant() throws Exception {
        Path artifact = Files.writeString(dir.resolve("artifact.txt"), "hello, keyless\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        dev.sigstore.bundle.Bundle bundle;
        try (KeylessSigner signer = signer(false, stack.mintToken())) {
            bundle = signer.sign(digest);
        }
        byte[] json = bundle.toJson().getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("v1.sigstore.json"), json);
        VerificationResult result = verify(json, artifact, IDENTITY.value());
        assertThat(result.identity()).isPresent();
        assertThat(result.tlogEntries()).singleElement().satisfies(e -> {
            assertThat(e.inclusionProofChecked()).isTrue();
            assertThat(e.signedEntryTimestampChecked()).isTrue();
        });

        Path tampered = Files.writeString(dir.resolve("tampered.txt"), "hello, keyless!\n");
        assertThatThrownBy(() -> verify(json, tampered, IDENTITY.value())).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> verify(json, artifact, "someone-else@example.test")).isInstanceOf(VerificationException.class);
    }

    @Test
    void signWithRekorV2AndTimestampVerifiesWithProvenant() throws Exception {
        Path artifact = Files.writeString(dir.resolve("artifact-v2.txt"), "hello, rekor v2\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        dev.sigstore.bundle.Bundle bundle;
        try (KeylessSigner signer = signer(true, stack.mintToken())) {
            bundle = signer.sign(digest);
        }
        byte[] json = bundle.toJson().getBytes(StandardCharsets.UTF_8);
        VerificationResult result = verify(json, artifact, IDENTITY.value());
        assertThat(result.timestamps()).hasSize(1);
        assertThat(result.tlogEntries()).singleElement().satisfies(e -> assertThat(e.integratedTime()).isNull());
    }

    @Test
    void attestWithRekorV2AndTimestampVerifiesWithProvenant() throws Exception {
        Path artifact = Files.writeString(dir.resolve("built.jar"), "pretend jar\n");
        String sha256 = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact)));
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"built.jar\",\"digest\":{\"sha256\":\""
                + sha256 + "\"}}],\"predicateType\":\"https://example.test/predicate/v1\",\"predicate\":{}}";
        dev.sigstore.bundle.Bundle bundle;
        try (KeylessSigner signer = signer(true, stack.mintToken())) {
            bundle = signer.attest(statement);
        }
        byte[] json = bundle.toJson().getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("attest.sigstore.json"), json);
        VerificationResult result = verify(json, artifact, IDENTITY.value());
        assertThat(result.statement()).isPresent();
        assertThat(result.timestamps()).hasSize(1);

        Path other = Files.writeString(dir.resolve("other.jar"), "another jar\n");
        assertThatThrownBy(() -> verify(json, other, IDENTITY.value())).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> verify(json, artifact, "someone-else@example.test")).isInstanceOf(VerificationException.class);
    }
}
