package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance adapter's {@code sign-bundle} against the embedded Sigstore stack: what it signs
 * verifies through the adapter's own {@code verify-bundle} and through {@code provenant verify}, for an
 * artifact and for an in-toto statement; a bad token fails with one line and writes nothing; and the
 * token never outlives the adapter in a file.
 */
class ConformanceSignIT {
    private static final String IDENTITY = "conformance@example.test";
    private static final Path ADAPTER = PackagedCli.ROOT.resolve("interop/conformance/provenant-conformance");

    @TempDir
    static Path stacks;

    static LocalStackProcess stack;

    @TempDir
    Path dir;

    /** TMPDIR of the adapter, where it keeps the token while provenant runs; empty again afterwards. */
    Path adapterTmp;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStackProcess.start(stacks.resolve("stack"), IDENTITY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void tmp() throws Exception {
        adapterTmp = Files.createDirectory(dir.resolve("tmp"));
    }

    private PackagedCli adapter(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ADAPTER.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(stack.signingEnv());
        env.put("TMPDIR", adapterTmp.toString());
        env.put("SIGSTORE_ID_TOKEN", null);
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", null);
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", null);
        env.put("CI", "true");
        return PackagedCli.run(180, env, command);
    }

    private PackagedCli signBundle(String token, Path bundle, Path file, String... before) throws Exception {
        List<String> args = new ArrayList<>(List.of("sign-bundle"));
        args.addAll(List.of(before));
        args.addAll(List.of("--identity-token", token, "--bundle", bundle.toString(), "--trusted-root", stack.trustedRoot.toString(),
                "--signing-config", stack.signingConfig.toString(), file.toString()));
        return adapter(args.toArray(String[]::new));
    }

    private PackagedCli verifyBundle(Path bundle, String identity, String artifactOrDigest) throws Exception {
        return adapter("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", stack.issuer, "--trusted-root", stack.trustedRoot.toString(), artifactOrDigest);
    }

    private static String token() throws Exception {
        return Files.readString(stack.tokenFile).strip();
    }

    private void assertNoTokenLeft() throws Exception {
        try (Stream<Path> left = Files.list(adapterTmp)) {
            assertThat(left.toList()).as("the adapter's private token file is removed").isEmpty();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void signedBundleVerifiesThroughTheAdapterAndProvenant() throws Exception {
        Path artifact = Files.writeString(dir.resolve("a.txt"), "signed through the conformance protocol\n");
        Path bundle = dir.resolve("a.txt.bundle.json");
        String token = token();
        PackagedCli sign = signBundle(token, bundle, artifact);
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        assertThat(sign.output()).contains("Using the identity token from --identity-token file").doesNotContain(token);
        assertThat(bundle).isRegularFile();
        assertNoTokenLeft();

        PackagedCli byPath = verifyBundle(bundle, IDENTITY, artifact.toString());
        assertThat(byPath.exitCode()).as(byPath.output()).isZero();
        PackagedCli byDigest = verifyBundle(bundle, IDENTITY, "sha256:" + sha256(artifact));
        assertThat(byDigest.exitCode()).as(byDigest.output()).isZero();
        PackagedCli provenant = PackagedCli.run(120, List.of(PackagedCli.ROOT.resolve("provenant").toString(), "verify", "--bundle",
                bundle.toString(), "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", stack.issuer, "--trusted-root",
                stack.trustedRoot.toString(), artifact.toString()));
        assertThat(provenant.exitCode()).as(provenant.output()).isZero();
        assertThat(provenant.output()).contains("Verified OK", "signed by   " + IDENTITY);

        PackagedCli wrongIdentity = verifyBundle(bundle, "someone-else@example.test", artifact.toString());
        assertThat(wrongIdentity.exitCode()).as(wrongIdentity.output()).isEqualTo(1);
        Path tampered = Files.writeString(dir.resolve("b.txt"), "signed through the conformance protocol, changed\n");
        PackagedCli changed = verifyBundle(bundle, IDENTITY, tampered.toString());
        assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
    }

    @Test
    void inTotoStatementIsSignedAsItIs() throws Exception {
        Path artifact = Files.writeString(dir.resolve("lib.jar"), "the statement's subject\n");
        Path statement = Files.writeString(dir.resolve("statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
                + "\"subject\":[{\"name\":\"lib.jar\",\"digest\":{\"sha256\":\"" + sha256(artifact) + "\"}}],"
                + "\"predicateType\":\"https://example.com/conformance/v1\",\"predicate\":{\"case\":\"in-toto\"}}");
        Path bundle = dir.resolve("statement.bundle.json");
        PackagedCli sign = signBundle(token(), bundle, statement, "--in-toto");
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        assertThat(new String(Files.readAllBytes(bundle), StandardCharsets.UTF_8)).contains("\"dsseEnvelope\"");
        assertNoTokenLeft();

        PackagedCli verify = verifyBundle(bundle, IDENTITY, artifact.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        Path other = Files.writeString(dir.resolve("other.jar"), "not a subject\n");
        PackagedCli notSubject = verifyBundle(bundle, IDENTITY, other.toString());
        assertThat(notSubject.exitCode()).as(notSubject.output()).isEqualTo(1);
    }

    @Test
    void inTotoStatementThroughARekorV1OnlyConfigAsOnThePublicGoodInstance() throws Exception {
        Path artifact = Files.writeString(dir.resolve("v1.jar"), "the statement's subject, logged in Rekor v1\n");
        Path statement = Files.writeString(dir.resolve("v1-statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
                + "\"subject\":[{\"name\":\"v1.jar\",\"digest\":{\"sha256\":\"" + sha256(artifact) + "\"}}],"
                + "\"predicateType\":\"https://example.com/conformance/v1\",\"predicate\":{\"case\":\"rekor-v1\"}}");
        Path config = stack.rekorV1OnlySigningConfig(dir.resolve("v1-signing-config.json"));
        Path bundle = dir.resolve("v1-statement.bundle.json");
        PackagedCli sign = adapter("sign-bundle", "--in-toto", "--identity-token", token(), "--bundle", bundle.toString(),
                "--trusted-root", stack.trustedRoot.toString(), "--signing-config", config.toString(), statement.toString());
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        var json = dev.provenant.attest.json.JsonCodec.mapper().readTree(Files.readAllBytes(bundle));
        assertThat(json.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText()).isEqualTo("dsse");
        assertThat(json.at("/verificationMaterial/tlogEntries/0/kindVersion/version").asText()).isEqualTo("0.0.1");
        assertNoTokenLeft();
        PackagedCli verify = verifyBundle(bundle, IDENTITY, artifact.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    @Test
    void badTokenFailsWithOneLineAndWritesNothing() throws Exception {
        Path artifact = Files.writeString(dir.resolve("c.txt"), "never signed\n");
        Path bundle = dir.resolve("c.txt.bundle.json");
        // Well-formed JWT, but its signature is not the stack issuer's: a forged identity.
        String good = token();
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (String token : List.of("not-a-token", forged)) {
            PackagedCli sign = signBundle(token, bundle, artifact);
            assertThat(sign.exitCode()).as(sign.output()).isNotZero();
            assertThat(sign.output().strip().lines().count()).as(sign.output()).isEqualTo(1);
            assertThat(sign.output()).doesNotContain(token);
            assertThat(bundle).doesNotExist();
            assertNoTokenLeft();
        }
    }

    @Test
    void usageErrorsAreOneLine() throws Exception {
        Path artifact = Files.writeString(dir.resolve("d.txt"), "x\n");
        PackagedCli staging = adapter("sign-bundle", "--staging", "--identity-token", token(), "--bundle",
                dir.resolve("d.json").toString(), artifact.toString());
        assertThat(staging.exitCode()).isEqualTo(2);
        assertThat(staging.output().strip()).contains("--staging needs --signing-config").doesNotContain("\n");
        PackagedCli noToken = adapter("sign-bundle", "--bundle", dir.resolve("d.json").toString(), artifact.toString());
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.output().strip()).contains("missing --identity-token").doesNotContain("\n");
        assertThat(dir.resolve("d.json")).doesNotExist();
    }
}
