package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stack's directory holds across runs: one running stack at a time, and the ports its issuer URL names. */
class StackDirectoryTest {
    static final Identity IDENTITY = Identity.parse("builder@example.test");

    @Test
    void aSecondStackOnTheSameDirectoryIsRefusedBeforeItTouchesAnything(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("stack");
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            byte[] token = Files.readAllBytes(first.tokenFile());
            byte[] root = Files.readAllBytes(first.trustedRoot());
            byte[] entries = Files.readAllBytes(home.resolve("log/entries"));
            assertThatThrownBy(() -> LocalSigstore.start(home, 0, 0, IDENTITY)).isInstanceOf(DirectoryInUseException.class)
                    .hasMessage(home + " is in use by another local-sigstore (pid " + ProcessHandle.current().pid()
                            + "); stop it or use another --dir");
            assertThat(Files.readAllBytes(first.tokenFile())).isEqualTo(token);
            assertThat(Files.readAllBytes(first.trustedRoot())).isEqualTo(root);
            assertThat(Files.readAllBytes(home.resolve("log/entries"))).isEqualTo(entries);
        }
        try (LocalSigstore again = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            assertThat(again.directory()).isEqualTo(home);
        }
    }

    @Test
    void aStackInAnotherProcessHoldsTheDirectory(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("stack"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                LockHolder.class.getName(), home.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> LocalSigstore.start(home, 0, 0, IDENTITY)).isInstanceOf(DirectoryInUseException.class)
                    .hasMessageContaining("(pid " + holder.pid() + ")");
            assertThat(home.resolve("keys")).doesNotExist();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (LocalSigstore stack = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            assertThat(stack.directory()).isEqualTo(home);
        }
    }

    @Test
    void aBundleSignedBeforeARestartVerifiesWithTheFlagsTheRestartedStackPrints(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("stack");
        Path artifact = Files.writeString(dir.resolve("artifact.txt"), "signed before the restart\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact));
        byte[] bundle;
        String issuerBefore;
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            issuerBefore = first.describe().get("oidcIssuer");
            System.setProperty("javax.net.ssl.trustStore", first.trustStore().toString());
            try (KeylessSigner signer = KeylessSigner.builder()
                    .trustedRootProvider(TrustedRootProvider.from(first.trustedRoot()))
                    .signingConfigProvider(SigningConfigProvider.from(first.signingConfig()))
                    .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(first.mintToken())))
                    .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                    .build()) {
                bundle = signer.sign(digest).toJson().getBytes(StandardCharsets.UTF_8);
            }
        }
        try (LocalSigstore second = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            Map<String, String> printed = second.describe();
            assertThat(printed.get("oidcIssuer")).isEqualTo(issuerBefore);
            TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(Path.of(printed.get("trustedRoot"))));
            var result = new BundleVerifier(root).verify(Bundle.parse(bundle), List.of(new Artifact.FileArtifact(artifact)),
                    VerificationPolicy.ofIdentity(IdentityPolicy.exact(printed.get("identity"), printed.get("oidcIssuer"))));
            assertThat(result.identity()).isPresent();
        }
    }

    @Test
    void anotherHttpPortThanBeforeIsRefusedAsItWouldChangeTheIssuer(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("stack");
        int port;
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            port = java.net.URI.create(first.urls().http()).getPort();
        }
        int other;
        try (ServerSocket free = new ServerSocket(0)) {
            other = free.getLocalPort();
        }
        assertThatThrownBy(() -> LocalSigstore.start(home, other, 0, IDENTITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port " + port);
        try (LocalSigstore same = LocalSigstore.start(home, port, 0, IDENTITY)) {
            assertThat(same.oidcIssuer()).isEqualTo("http://127.0.0.1:" + port + LocalSigstore.OIDC_PATH);
        }
    }

    @Test
    void aKeptPortThatIsTakenFailsTheStartSayingWhy(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("stack");
        int port;
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            port = java.net.URI.create(first.urls().http()).getPort();
        }
        try (ServerSocket taken = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalSigstore.start(home, 0, 0, IDENTITY)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining(StackPorts.FILE);
        }
    }

    @Test
    void aDirectoryFromBeforeThePortsFileKeepsThePortsOfItsSigningConfig(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("stack");
        String issuer;
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            issuer = first.oidcIssuer();
        }
        Files.delete(home.resolve(StackPorts.FILE));
        try (LocalSigstore second = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            assertThat(second.oidcIssuer()).isEqualTo(issuer);
        }
        assertThat(home.resolve(StackPorts.FILE)).exists();
    }
}
