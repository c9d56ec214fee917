package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.VerificationException;
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

    /** The check that refused the bundle. */
    static dev.provenant.verifier.check.Check rejection(byte[] bundleJson, Path artifact, String identity) throws Exception {
        try {
            verify(bundleJson, artifact, identity);
        } catch (VerificationException e) {
            return e.check();
        }
        throw new AssertionError("the bundle verified");
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

        // sigstore-java's own verifier accepts it too, given the stack's trusted root, and only for the signer
        var verifier = dev.sigstore.KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(stack.trustedRoot())).build();
        verifier.verify(artifact, bundle, dev.sigstore.VerificationOptions.builder()
                .addCertificateMatchers(dev.sigstore.VerificationOptions.CertificateMatcher.fulcio()
                        .subjectAlternativeName(dev.sigstore.strings.StringMatcher.string(IDENTITY.value()))
                        .issuer(dev.sigstore.strings.StringMatcher.string(stack.oidcIssuer())).build())
                .build());
        assertThatThrownBy(() -> verifier.verify(artifact, bundle, dev.sigstore.VerificationOptions.builder()
                .addCertificateMatchers(dev.sigstore.VerificationOptions.CertificateMatcher.fulcio()
                        .subjectAlternativeName(dev.sigstore.strings.StringMatcher.string("someone-else@example.test"))
                        .issuer(dev.sigstore.strings.StringMatcher.string(stack.oidcIssuer())).build())
                .build())).isInstanceOf(dev.sigstore.KeylessVerificationException.class);

        Path tampered = Files.writeString(dir.resolve("tampered.txt"), "hello, keyless!\n");
        assertThat(rejection(json, tampered, IDENTITY.value())).isEqualTo(dev.provenant.verifier.check.Check.ARTIFACT_DIGEST);
        assertThat(rejection(json, artifact, "someone-else@example.test")).isEqualTo(dev.provenant.verifier.check.Check.IDENTITY);
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
        assertThat(rejection(json, other, IDENTITY.value())).isEqualTo(dev.provenant.verifier.check.Check.SUBJECT_DIGEST);
        assertThat(rejection(json, artifact, "someone-else@example.test")).isEqualTo(dev.provenant.verifier.check.Check.IDENTITY);
    }

    @Test
    void aBundleWithItsLogEntryRemovedIsRejected() throws Exception {
        Path artifact = Files.writeString(dir.resolve("artifact-removed.txt"), "logged once\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        for (boolean rekorV2 : new boolean[] {false, true}) {
            String json;
            try (KeylessSigner signer = signer(rekorV2, stack.mintToken())) {
                json = signer.sign(digest).toJson();
            }
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.provenant.attest.json.JsonCodec.mapper().readTree(json);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("verificationMaterial")).putArray("tlogEntries");
            byte[] stripped = dev.provenant.attest.json.JsonCodec.write(tree);
            assertThat(rejection(stripped, artifact, IDENTITY.value()))
                    .as("rekor v2: %s", rekorV2).isEqualTo(dev.provenant.verifier.check.Check.TLOG_REQUIRED);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRejected() throws Exception {
        Path artifact = Files.writeString(dir.resolve("artifact-other-ca.txt"), "signed elsewhere\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        try (LocalSigstore other = LocalSigstore.start(dir.resolve("other-stack"), 0, 0, IDENTITY)) {
            System.setProperty("javax.net.ssl.trustStore", other.trustStore().toString());
            KeylessSigner signer = KeylessSigner.builder()
                    .trustedRootProvider(TrustedRootProvider.from(other.trustedRoot()))
                    .signingConfigProvider(SigningConfigProvider.from(other.signingConfig()))
                    .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(other.mintToken())))
                    .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                    .build();
            byte[] json = signer.sign(digest).toJson().getBytes(StandardCharsets.UTF_8);
            // trust everything of the other stack except its CA, which is replaced by this stack's
            var mapper = dev.provenant.attest.json.JsonCodec.mapper();
            var mixed = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Files.readAllBytes(other.trustedRoot()));
            mixed.set("certificateAuthorities", mapper.readTree(Files.readAllBytes(stack.trustedRoot())).get("certificateAuthorities"));
            TrustedRoot root = TrustedRoot.parse(mapper.writeValueAsBytes(mixed));
            VerificationPolicy policy = VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY.value(), other.oidcIssuer()));
            assertThatThrownBy(() -> new BundleVerifier(root).verify(Bundle.parse(json), List.of(new Artifact.FileArtifact(artifact)), policy))
                    .isInstanceOfSatisfying(VerificationException.class,
                            e -> assertThat(e.check()).isEqualTo(dev.provenant.verifier.check.Check.CERTIFICATE_CHAIN));
            // and with the other stack's own root the same bundle verifies: the CA is the only difference
            assertThat(new BundleVerifier(TrustedRoot.parse(Files.readAllBytes(other.trustedRoot())))
                    .verify(Bundle.parse(json), List.of(new Artifact.FileArtifact(artifact)), policy).identity()).isPresent();
        } finally {
            System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        }
    }

    @Test
    void aSignerWhoseTokenNamesSomeoneElseGetsACertificateForThemNotForTheVerifiedIdentity() throws Exception {
        Path artifact = Files.writeString(dir.resolve("artifact-intruder.txt"), "intruder\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        byte[] json;
        try (KeylessSigner signer = signer(false, stack.mintToken(Identity.parse("https://ci.example.test/workflows/release")))) {
            json = signer.sign(digest).toJson().getBytes(StandardCharsets.UTF_8);
        }
        assertThat(verify(json, artifact, "https://ci.example.test/workflows/release").identity()).isPresent();
        assertThat(rejection(json, artifact, IDENTITY.value())).isEqualTo(dev.provenant.verifier.check.Check.IDENTITY);
    }
}
