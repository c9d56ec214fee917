package dev.provenant.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library signer against the embedded Sigstore stack, its bundles checked by Provenant's verifier. */
class KeylessBundleSignerTest {
    private static final String IDENTITY = "builder@example.test";

    @TempDir
    static Path dir;

    static LocalSigstore stack;
    static KeylessConfig config;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY));
        // the stack's Fulcio speaks gRPC over TLS with its own CA, as its README says
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        config = new KeylessConfig(Files.readAllBytes(stack.signingConfig()), "stack signing config",
                Files.readAllBytes(stack.trustedRoot()), "stack trusted root");
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static KeylessBundleSigner signer(String token) throws Exception {
        return new KeylessBundleSigner(config, IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", token), null, false));
    }

    private static void verify(Bundle bundle, Path artifact, String identity) throws Exception {
        new BundleVerifier(TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot())))
                .verify(Bundle.parse(bundle.toJson()), List.of(new Artifact.FileArtifact(artifact)),
                        VerificationPolicy.ofIdentity(IdentityPolicy.exact(identity, stack.oidcIssuer())));
    }

    @Test
    void signsADigestThroughRekorV1AndTheBundleVerifiesForTheTokensIdentity() throws Exception {
        Path artifact = Files.writeString(dir.resolve("a.txt"), "keyless\n");
        Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        try (KeylessBundleSigner signer = signer(stack.mintToken())) {
            assertThat(signer.identity()).isEmpty();
            Bundle bundle = signer.signDigest(digest);
            IdentityToken used = signer.identity().orElseThrow();
            assertThat(used.source()).isEqualTo("SIGSTORE_ID_TOKEN");
            assertThat(used.subject()).isEqualTo(IDENTITY);
            assertThat(bundle.messageSignature().messageDigest().toDigest()).isEqualTo(digest);
            assertThat(bundle.verificationMaterial().tlogEntries()).hasSize(1);
            assertThat(JsonCodec.mapper().readTree(bundle.toJson()).at("/verificationMaterial/tlogEntries/0/kindVersion/version")
                    .asText()).isEqualTo("0.0.1");
            verify(bundle, artifact, IDENTITY);
            VerificationException wrong = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
                    () -> verify(bundle, artifact, "mallory@example.test"));
            assertThat(wrong.check()).isEqualTo(Check.IDENTITY);
        }
    }

    /** The direct conversion gives the bundle sigstore-java's own JSON writer gives, on every path it signs. */
    @Test
    void bundleRecordsMatchSigstoreJavasWriter() throws Exception {
        byte[] digest = new ArtifactDigester().digest(Files.writeString(dir.resolve("c.txt"), "written\n"), DigestAlgorithm.SHA256)
                .value();
        SigstoreConfigs configs = SigstoreConfigs.read(config);
        for (boolean rekorV2 : List.of(false, true)) {
            try (dev.sigstore.KeylessSigner signer = dev.sigstore.KeylessSigner.builder()
                    .trustedRootProvider(configs::trustedRoot)
                    .signingConfigProvider(configs::signingConfig)
                    .enableRekorV2(rekorV2)
                    .forceCredentialProviders(dev.sigstore.oidc.client.OidcClients.of(
                            dev.sigstore.oidc.client.TokenStringOidcClient.from(stack.mintToken())))
                    .signingAlgorithm(dev.sigstore.AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                    .build()) {
                List<dev.sigstore.bundle.Bundle> signed = new java.util.ArrayList<>(List.of(signer.sign(digest)));
                if (rekorV2) { // sigstore-java attests only through Rekor v2
                    signed.add(signer.attest("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"c.txt\","
                                + "\"digest\":{\"sha256\":\"" + java.util.HexFormat.of().formatHex(digest) + "\"}}],"
                                + "\"predicateType\":\"https://example.com/t/v1\",\"predicate\":{}}"));
                }
                for (dev.sigstore.bundle.Bundle b : signed) {
                    Bundle viaJson = Bundle.parse(b.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(BundleRecords.of(b)).as("Rekor v2 " + rekorV2).isEqualTo(viaJson);
                    assertThat(JsonCodec.mapper().readTree(BundleRecords.of(b).toJson()))
                            .isEqualTo(JsonCodec.mapper().readTree(b.toJson()));
                }
            }
        }
    }

    @Test
    void attestsThroughRekorV2WithATimestamp() throws Exception {
        Path artifact = Files.writeString(dir.resolve("b.txt"), "attested\n");
        Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        Statement statement = Statement.of(List.of(ResourceDescriptor.of("b.txt", digest)),
                "https://example.com/t/v1", JsonCodec.mapper().createObjectNode().put("ok", true));
        try (KeylessBundleSigner signer = signer(stack.mintToken())) {
            Bundle bundle = signer.attest(statement);
            assertThat(bundle.dsseEnvelope()).isNotNull();
            assertThat(bundle.verificationMaterial().rfc3161Timestamps()).hasSize(1);
            verify(bundle, artifact, IDENTITY);
        }
    }

    /** The stack's signing config in the public-good instance's shape: its Rekor v1 log only (and its TSA). */
    static KeylessConfig rekorV1Only(boolean withTsa) throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(stack.signingConfig()));
        var logs = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("rekorTlogUrls");
        for (int i = logs.size() - 1; i >= 0; i--) {
            if (logs.get(i).path("majorApiVersion").asInt() != 1) {
                logs.remove(i);
            }
        }
        assertThat(logs).hasSize(1);
        if (!withTsa) {
            tree.remove("tsaUrls");
        }
        return new KeylessConfig(JsonCodec.mapper().writeValueAsBytes(tree), "v1-only signing config",
                Files.readAllBytes(stack.trustedRoot()), "stack trusted root");
    }

    @Test
    void attestsThroughRekorV1AsADsseEntryWhenTheConfigNamesNoV2Log() throws Exception {
        Path artifact = Files.writeString(dir.resolve("v1.txt"), "attested through Rekor v1\n");
        Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        Statement statement = Statement.of(List.of(ResourceDescriptor.of("v1.txt", digest)),
                "https://slsa.dev/provenance/v1", JsonCodec.mapper().createObjectNode().put("ok", true));
        for (boolean withTsa : List.of(true, false)) {
            try (KeylessBundleSigner signer = new KeylessBundleSigner(rekorV1Only(withTsa),
                    IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", stack.mintToken()), null, false))) {
                Bundle bundle = signer.attest(statement);
                var json = JsonCodec.mapper().readTree(bundle.toJson());
                assertThat(json.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
                assertThat(json.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText()).isEqualTo("dsse");
                assertThat(json.at("/verificationMaterial/tlogEntries/0/kindVersion/version").asText()).isEqualTo("0.0.1");
                assertThat(json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint/envelope").asText()).isNotEmpty();
                assertThat(json.at("/verificationMaterial/tlogEntries/0/inclusionPromise/signedEntryTimestamp").asText()).isNotEmpty();
                assertThat(bundle.verificationMaterial().rfc3161Timestamps()).isEmpty();
                verify(bundle, artifact, IDENTITY);
                VerificationException wrong = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
                        () -> verify(bundle, artifact, "mallory@example.test"));
                assertThat(wrong.check()).isEqualTo(Check.IDENTITY);
            }
        }
    }

    @Test
    void aRekorV2OnlyStackSignsAndAttestsThroughRekorV2() throws Exception {
        try (LocalSigstore v2 = LocalSigstore.start(dir.resolve("stack-v2"), 0, 0, Identity.parse(IDENTITY),
                dev.provenant.localsigstore.RekorApis.V2)) {
            System.setProperty("javax.net.ssl.trustStore", v2.trustStore().toString());
            KeylessConfig v2Config = new KeylessConfig(Files.readAllBytes(v2.signingConfig()), "v2-only stack",
                    Files.readAllBytes(v2.trustedRoot()), "v2-only stack root");
            Path artifact = Files.writeString(dir.resolve("v2.txt"), "through Rekor v2\n");
            Digest digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
            Statement statement = Statement.of(List.of(ResourceDescriptor.of("v2.txt", digest)), "https://example.com/t/v1",
                    JsonCodec.mapper().createObjectNode());
            try (KeylessBundleSigner signer = new KeylessBundleSigner(v2Config,
                    IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", v2.mintToken()), null, false))) {
                for (Bundle bundle : List.of(signer.signDigest(digest), signer.attest(statement))) {
                    assertThat(bundle.verificationMaterial().rfc3161Timestamps()).hasSize(1);
                    new BundleVerifier(TrustedRoot.parse(Files.readAllBytes(v2.trustedRoot())))
                            .verify(Bundle.parse(bundle.toJson()), List.of(new Artifact.FileArtifact(artifact)),
                                    VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY, v2.oidcIssuer())));
                }
            }
        } finally {
            System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        }
    }

    @Test
    void aConfigWithoutAnyUsableLogCannotAttestAndSaysWhy() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(stack.signingConfig()));
        var logs = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("rekorTlogUrls");
        for (int i = logs.size() - 1; i >= 0; i--) {
            if (logs.get(i).path("majorApiVersion").asInt() == 1) {
                logs.remove(i);
            }
        }
        tree.remove("tsaUrls");
        KeylessConfig v2NoTsa = new KeylessConfig(JsonCodec.mapper().writeValueAsBytes(tree), "v2 without TSA",
                Files.readAllBytes(stack.trustedRoot()), "stack trusted root");
        Statement statement = Statement.of(List.of(ResourceDescriptor.of("x", new Digest(DigestAlgorithm.SHA256, new byte[32]))),
                "https://example.com/t/v1", JsonCodec.mapper().createObjectNode());
        try (KeylessBundleSigner signer = new KeylessBundleSigner(v2NoTsa,
                IdentityTokenSources.standard(null, Map.of("SIGSTORE_ID_TOKEN", stack.mintToken()), null, false))) {
            assertThatThrownBy(() -> signer.attest(statement)).isInstanceOf(KeylessConfigException.class)
                    .hasMessageContaining("names no Rekor log valid now").hasMessageContaining("needs one");
        }
    }

    @Test
    void aTokenForAnotherIdentityGetsACertificateForThatIdentity() throws Exception {
        Path artifact = Files.writeString(dir.resolve("c.txt"), "other\n");
        try (KeylessBundleSigner signer = signer(stack.mintToken(Identity.parse("other@example.test")))) {
            Bundle bundle = signer.signDigest(new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256));
            verify(bundle, artifact, "other@example.test");
            assertThatThrownBy(() -> verify(bundle, artifact, IDENTITY)).isInstanceOf(VerificationException.class);
        }
    }

    @Test
    void refusesWhatItCannotSign() throws Exception {
        try (KeylessBundleSigner signer = signer(stack.mintToken())) {
            assertThatThrownBy(() -> signer.signDigest(new Digest(DigestAlgorithm.SHA512, new byte[64])))
                    .isInstanceOf(SigningException.class).hasMessageContaining("SHA-256");
        }
        try (KeylessBundleSigner signer = new KeylessBundleSigner(config, IdentityTokenSources.standard(null, Map.of(), null, false))) {
            assertThatThrownBy(() -> signer.signDigest(new Digest(DigestAlgorithm.SHA256, new byte[32])))
                    .isInstanceOf(IdentityTokenException.class).hasMessageContaining("SIGSTORE_ID_TOKEN is not set");
        }
        assertThatThrownBy(() -> new KeylessBundleSigner(new KeylessConfig("{".getBytes(), "broken", Files.readAllBytes(stack.trustedRoot()),
                "root"), IdentityTokenSources.standard(null, Map.of(), null, false)))
                .isInstanceOf(KeylessConfigException.class).hasMessageContaining("cannot read the signing config (broken)");
    }

    @Test
    void aTokenTheIssuerDidNotSignIsRefusedByFulcio() throws Exception {
        String real = stack.mintToken();
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        try (KeylessBundleSigner signer = signer(forged)) {
            assertThatThrownBy(() -> signer.signDigest(new Digest(DigestAlgorithm.SHA256, new byte[32])))
                    .isInstanceOf(SigningException.class).hasMessageContaining("keyless signing failed")
                    .hasMessageNotContaining(forged);
        }
    }
}
