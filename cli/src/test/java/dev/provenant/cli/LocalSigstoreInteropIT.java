package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyless story on the embedded stack, through the packaged CLI: {@code provenant local-sigstore}
 * runs two independent stacks, sigstore-java 2.0.0's KeylessSigner signs against them (sign() through
 * Rekor v1, attest() through Rekor v2 and the TSA), and both Provenant and sigstore-js verify the
 * bundles by identity with the stack's trusted root, and both refuse a wrong identity, a tampered
 * artifact, a bundle without its log entry and a certificate from another CA.
 */
class LocalSigstoreInteropIT {
    static final String IDENTITY = "release@example.test";

    @TempDir
    static Path dir;
    static Stack stack;
    static Stack otherStack;

    record Stack(Process process, JsonNode ready) {
        Path trustedRoot() {
            return Path.of(ready.path("trustedRoot").asText());
        }

        String issuer() {
            return ready.path("oidcIssuer").asText();
        }

        KeylessSigner signer(boolean rekorV2) throws Exception {
            System.setProperty("javax.net.ssl.trustStore", ready.path("trustStore").asText());
            String token = Files.readString(Path.of(ready.path("tokenFile").asText())).trim();
            return KeylessSigner.builder()
                    .trustedRootProvider(TrustedRootProvider.from(trustedRoot()))
                    .signingConfigProvider(SigningConfigProvider.from(Path.of(ready.path("signingConfig").asText())))
                    .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(token)))
                    .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                    .enableRekorV2(rekorV2)
                    .build();
        }
    }

    static Stack start(Path home) throws Exception {
        Process process = new ProcessBuilder(PackagedCli.ROOT.resolve("provenant").toString(), "local-sigstore", "--dir", home.toString(),
                "--identity", IDENTITY, "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the ready line of local-sigstore").isNotNull();
        JsonNode ready = JsonCodec.mapper().readTree(line);
        assertThat(ready.path("ready").asBoolean()).isTrue();
        return new Stack(process, ready);
    }

    @BeforeAll
    static void startStacks() throws Exception {
        stack = start(dir.resolve("stack"));
        otherStack = start(dir.resolve("other"));
    }

    @AfterAll
    static void stopStacks() throws Exception {
        for (Stack s : new Stack[] {stack, otherStack}) {
            if (s != null) {
                s.process().destroy();
                assertThat(s.process().waitFor(20, TimeUnit.SECONDS)).as("local-sigstore stops on SIGTERM").isTrue();
            }
        }
    }

    private static PackagedCli provenant(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(120, command);
    }

    private static PackagedCli provenantVerify(String command, Path bundle, Path root, String identity, String issuer, Path artifact)
            throws Exception {
        return provenant(command, "--bundle", bundle.toString(), "--certificate-identity", identity, "--certificate-oidc-issuer", issuer,
                "--trusted-root", root.toString(), artifact.toString());
    }

    private static PackagedCli sigstoreJs(Path bundle, Path root, String identity, String issuer, Path artifact) throws Exception {
        return SigstoreJsPeer.verifyBundle(List.of("--bundle", bundle.toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", issuer, "--trusted-root", root.toString(), artifact.toString()));
    }

    private static Path withoutLogEntries(Path bundle) throws Exception {
        ObjectNode tree = (ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(bundle));
        ((ObjectNode) tree.get("verificationMaterial")).putArray("tlogEntries");
        return Files.write(bundle.resolveSibling("no-tlog-" + bundle.getFileName()), JsonCodec.write(tree));
    }

    @Test
    void signedThroughRekorV1VerifiesWithBothAndBothRefuseTheNegatives() throws Exception {
        Path artifact = Files.writeString(dir.resolve("app.txt"), "release 1.0\n");
        Path bundle = dir.resolve("app.txt.sigstore.json");
        try (KeylessSigner signer = stack.signer(false)) {
            Files.writeString(bundle, signer.signFile(artifact).toJson());
        }
        check("verify", bundle, artifact);
    }

    @Test
    void attestedThroughRekorV2AndTheTsaVerifiesWithBoth() throws Exception {
        Path artifact = Files.writeString(dir.resolve("lib.jar"), "pretend jar\n");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact)));
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"lib.jar\",\"digest\":{\"sha256\":\""
                + sha256 + "\"}}],\"predicateType\":\"https://example.test/predicate/v1\",\"predicate\":{}}";
        Path bundle = dir.resolve("lib.jar.sigstore.json");
        try (KeylessSigner signer = stack.signer(true)) {
            Files.writeString(bundle, signer.attest(statement).toJson());
        }
        PackagedCli ok = provenantVerify("verify-attestation", bundle, stack.trustedRoot(), IDENTITY, stack.issuer(), artifact);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        PackagedCli js = sigstoreJs(bundle, stack.trustedRoot(), IDENTITY, stack.issuer(), artifact);
        assertThat(js.exitCode()).as(js.output()).isZero();
        assertThat(sigstoreJs(bundle, stack.trustedRoot(), "x@example.test", stack.issuer(), artifact).exitCode()).isEqualTo(1);
        assertThat(sigstoreJs(withoutLogEntries(bundle), stack.trustedRoot(), IDENTITY, stack.issuer(), artifact).exitCode()).isEqualTo(1);
        // sigstore-js checks the envelope's signature, not the artifact against the statement's subjects
        // (see SigstoreJsInteropIT), so the wrong-artifact case below is Provenant's alone
        assertThat(provenantVerify("verify-attestation", bundle, stack.trustedRoot(), "x@example.test", stack.issuer(), artifact).exitCode())
                .isEqualTo(1);
        assertThat(provenantVerify("verify-attestation", withoutLogEntries(bundle), stack.trustedRoot(), IDENTITY, stack.issuer(), artifact)
                .exitCode()).isEqualTo(1);
        Path other = Files.writeString(dir.resolve("other.jar"), "not the subject\n");
        assertThat(provenantVerify("verify-attestation", bundle, stack.trustedRoot(), IDENTITY, stack.issuer(), other).exitCode()).isEqualTo(1);
    }

    @Test
    void signedThroughRekorV2AndTheTsaVerifiesWithBoth() throws Exception {
        Path artifact = Files.writeString(dir.resolve("app2.txt"), "release 2.0\n");
        Path bundle = dir.resolve("app2.txt.sigstore.json");
        try (KeylessSigner signer = stack.signer(true)) {
            Files.writeString(bundle, signer.signFile(artifact).toJson());
        }
        check("verify", bundle, artifact);
    }

    private void check(String command, Path bundle, Path artifact) throws Exception {
        Path root = stack.trustedRoot();
        PackagedCli provenantOk = provenantVerify(command, bundle, root, IDENTITY, stack.issuer(), artifact);
        assertThat(provenantOk.exitCode()).as(provenantOk.output()).isZero();
        PackagedCli jsOk = sigstoreJs(bundle, root, IDENTITY, stack.issuer(), artifact);
        assertThat(jsOk.exitCode()).as(jsOk.output()).isZero();

        assertThat(provenantVerify(command, bundle, root, "someone@example.test", stack.issuer(), artifact).exitCode()).isEqualTo(1);
        assertThat(sigstoreJs(bundle, root, "someone@example.test", stack.issuer(), artifact).exitCode()).isEqualTo(1);

        Path stripped = withoutLogEntries(bundle);
        assertThat(provenantVerify(command, stripped, root, IDENTITY, stack.issuer(), artifact).exitCode()).isEqualTo(1);
        assertThat(sigstoreJs(stripped, root, IDENTITY, stack.issuer(), artifact).exitCode()).isEqualTo(1);

        Path tampered = Files.writeString(artifact.resolveSibling("tampered-" + artifact.getFileName()),
                Files.readString(artifact) + "tampered\n");
        assertThat(provenantVerify(command, bundle, root, IDENTITY, stack.issuer(), tampered).exitCode()).isEqualTo(1);
        assertThat(sigstoreJs(bundle, root, IDENTITY, stack.issuer(), tampered).exitCode()).isEqualTo(1);

        // a certificate from another CA: the other stack's bundle, under a root trusting all of that stack but its CA
        Path otherBundle = artifact.resolveSibling("other-ca-" + bundle.getFileName());
        try (KeylessSigner signer = otherStack.signer(false)) {
            Files.writeString(otherBundle, signer.signFile(artifact).toJson());
        } finally {
            System.setProperty("javax.net.ssl.trustStore", stack.ready().path("trustStore").asText());
        }
        ObjectNode mixed = (ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(otherStack.trustedRoot()));
        mixed.set("certificateAuthorities", JsonCodec.mapper().readTree(Files.readAllBytes(root)).get("certificateAuthorities"));
        Path mixedRoot = Files.write(artifact.resolveSibling("mixed-" + artifact.getFileName() + ".json"), JsonCodec.write(mixed));
        assertThat(provenantVerify(command, otherBundle, otherStack.trustedRoot(), IDENTITY, otherStack.issuer(), artifact).exitCode())
                .as("the other stack's bundle under its own root").isZero();
        assertThat(sigstoreJs(otherBundle, otherStack.trustedRoot(), IDENTITY, otherStack.issuer(), artifact).exitCode())
                .as("the other stack's bundle under its own root, sigstore-js").isZero();
        PackagedCli provenantOtherCa = provenantVerify(command, otherBundle, mixedRoot, IDENTITY, otherStack.issuer(), artifact);
        assertThat(provenantOtherCa.exitCode()).isEqualTo(1);
        assertThat(provenantOtherCa.output()).contains("certificate chain");
        assertThat(sigstoreJs(otherBundle, mixedRoot, IDENTITY, otherStack.issuer(), artifact).exitCode()).isEqualTo(1);
    }
}
