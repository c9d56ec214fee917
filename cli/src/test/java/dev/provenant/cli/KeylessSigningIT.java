package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.keyless.GitHubTokenServiceDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing end to end on the packaged CLI: the embedded Sigstore stack ({@code provenant
 * local-sigstore}) runs in the background; {@code sign}, {@code attest} and {@code provenance} sign
 * keyless against it; Provenant and sigstore-js (an independent verifier, given the same trusted root)
 * both accept the bundles for the stack's identity, and both reject a wrong identity, a tampered
 * artifact, a bundle whose log entry was removed, and a certificate from another CA (a second stack).
 */
class KeylessSigningIT {
    private static final String IDENTITY = "builder@example.test";

    @TempDir
    static Path stacks;

    static LocalStackProcess stack;
    static LocalStackProcess otherCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStackProcess.start(stacks.resolve("a"), IDENTITY);
        otherCa = LocalStackProcess.start(stacks.resolve("b"), IDENTITY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (otherCa != null) {
            otherCa.close();
        }
    }

    /** The environment of a CI job that has no token of its own, so only the named sources apply. */
    private static Map<String, String> env(LocalStackProcess s) {
        Map<String, String> env = new HashMap<>(s.signingEnv());
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", null);
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", null);
        env.put("SIGSTORE_ID_TOKEN", null);
        env.put("CI", "true");
        return env;
    }

    private static PackagedCli provenant(Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(args);
        return PackagedCli.run(180, env, command);
    }

    private static List<String> args(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static PackagedCli verify(String command, Path bundle, String identity, String issuer, Path root, Path artifact)
            throws Exception {
        return provenant(Map.of(), List.of(command, "--bundle", bundle.toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", issuer, "--trusted-root", root.toString(), artifact.toString()));
    }

    private static PackagedCli sigstoreJs(Path bundle, String identity, String issuer, Path root, Path artifact) throws Exception {
        return SigstoreJsPeer.verifyBundle(List.of("--bundle", bundle.toString(), "--certificate-identity", identity,
                "--certificate-oidc-issuer", issuer, "--trusted-root", root.toString(), artifact.toString()));
    }

    private void bothAccept(String command, Path bundle, Path artifact) throws Exception {
        PackagedCli ours = verify(command, bundle, IDENTITY, stack.issuer, stack.trustedRoot, artifact);
        assertThat(ours.exitCode()).as(ours.output()).isZero();
        assertThat(ours.output()).contains("Verified OK", "signed by   " + IDENTITY);
        PackagedCli theirs = sigstoreJs(bundle, IDENTITY, stack.issuer, stack.trustedRoot, artifact);
        assertThat(theirs.exitCode()).as("sigstore-js: " + theirs.output()).isZero();
    }

    private void bothReject(String what, String command, Path bundle, String identity, String issuer, Path root, Path artifact,
            String ourReason) throws Exception {
        PackagedCli ours = verify(command, bundle, identity, issuer, root, artifact);
        assertThat(ours.exitCode()).as(what + ", Provenant: " + ours.output()).isEqualTo(1);
        assertThat(ours.output()).as(what).contains(ourReason);
        PackagedCli theirs = sigstoreJs(bundle, identity, issuer, root, artifact);
        assertThat(theirs.exitCode()).as(what + ", sigstore-js: " + theirs.output()).isNotZero();
    }

    @Test
    void signedArtifactVerifiesWithBothAndEveryForgeryIsRejectedByBoth() throws Exception {
        Path artifact = Files.writeString(dir.resolve("app.jar"), "keyless artifact\n");
        Path bundle = dir.resolve("app.jar.sigstore.json");
        PackagedCli sign = provenant(env(stack), args(List.of("sign"), args(stack.keylessFlags(), artifact.toString()).toArray(String[]::new)));
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        assertThat(sign.output()).contains("Using the identity token from --identity-token file " + stack.tokenFile,
                "subject " + IDENTITY, "Bundle: " + bundle).doesNotContain(Files.readString(stack.tokenFile).strip());
        bothAccept("verify", bundle, artifact);

        bothReject("wrong identity", "verify", bundle, "someone-else@example.test", stack.issuer, stack.trustedRoot, artifact,
                "certificate identity");
        bothReject("wrong issuer", "verify", bundle, IDENTITY, "https://issuer.example", stack.trustedRoot, artifact,
                "certificate identity");

        ObjectNode json = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(bundle), "bundle");
        ((ObjectNode) json.get("verificationMaterial")).putArray("tlogEntries");
        Path noEntry = Files.write(dir.resolve("no-tlog.sigstore.json"), JsonCodec.write(json));
        bothReject("removed tlog entry", "verify", noEntry, IDENTITY, stack.issuer, stack.trustedRoot, artifact,
                "transparency log entry required");

        Path tampered = Files.writeString(dir.resolve("tampered.jar"), "keyless artifact, changed\n");
        bothReject("tampered artifact", "verify", bundle, IDENTITY, stack.issuer, stack.trustedRoot, tampered, "artifact digest");
    }

    @Test
    void certificateFromAnotherCaIsRejectedByBoth() throws Exception {
        Path artifact = Files.writeString(dir.resolve("other.bin"), "signed by another instance\n");
        Path bundle = dir.resolve("other.bin.sigstore.json");
        PackagedCli sign = provenant(env(otherCa), args(List.of("sign"), args(otherCa.keylessFlags(), artifact.toString())
                .toArray(String[]::new)));
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        // Good under its own instance's root, so the rejection below is the CA's, not a broken bundle.
        PackagedCli own = verify("verify", bundle, IDENTITY, otherCa.issuer, otherCa.trustedRoot, artifact);
        assertThat(own.exitCode()).as(own.output()).isZero();
        // Trust the other instance's logs and timestamp authority but not its CA, so that the CA is what fails.
        ObjectNode root = (ObjectNode) JsonCodec.readTree(Files.readAllBytes(stack.trustedRoot), "root");
        var other = JsonCodec.readTree(Files.readAllBytes(otherCa.trustedRoot), "other root");
        for (String part : List.of("tlogs", "ctlogs", "timestampAuthorities")) {
            if (other.has(part)) {
                (root.has(part) ? (ArrayNode) root.get(part) : root.putArray(part)).addAll((ArrayNode) other.get(part));
            }
        }
        Path mixed = Files.write(dir.resolve("own-ca-other-logs.json"), JsonCodec.write(root));
        bothReject("certificate from another CA", "verify", bundle, IDENTITY, otherCa.issuer, mixed, artifact,
                "certificate chain: the signing certificate");
        // the leaf is checked against the root's authorities before any log entry, so the CA is what fails first here too
        bothReject("another instance altogether", "verify", bundle, IDENTITY, otherCa.issuer, stack.trustedRoot, artifact,
                "certificate chain: the signing certificate");
    }

    @Test
    void attestationAndProvenanceVerifyWithBoth() throws Exception {
        Path artifact = Files.writeString(dir.resolve("lib.jar"), "attested artifact\n");
        Path predicate = Files.writeString(dir.resolve("results.json"), "{\"passed\": 12, \"failed\": 0}");
        Path attestation = dir.resolve("lib.jar.intoto.sigstore.json");
        PackagedCli attest = provenant(env(stack), args(List.of("attest"), args(stack.keylessFlags(), "--type",
                "https://example.com/test-result/v1", "--predicate", predicate.toString(), "--json", artifact.toString())
                .toArray(String[]::new)));
        assertThat(attest.exitCode()).as(attest.output()).isZero();
        assertThat(attest.output()).contains("\"keyless\":true", "\"identity\":\"" + IDENTITY + "\"",
                "\"issuer\":\"" + stack.issuer + "\"", "\"tokenSource\":\"--identity-token file " + stack.tokenFile + "\"");
        bothAccept("verify-attestation", attestation, artifact);

        // The token from SIGSTORE_ID_TOKEN, as GitLab CI hands it to a job.
        Map<String, String> gitlab = env(stack);
        gitlab.put("SIGSTORE_ID_TOKEN", Files.readString(stack.tokenFile).strip());
        Path provenance = dir.resolve("lib.provenance.sigstore.json");
        PackagedCli signed = provenant(gitlab, List.of("provenance", "--keyless", "--signing-config", stack.signingConfig.toString(),
                "--trusted-root", stack.trustedRoot.toString(), "--output", provenance.toString(), artifact.toString()));
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        assertThat(signed.output()).contains("Using the identity token from SIGSTORE_ID_TOKEN");
        bothAccept("verify-attestation", provenance, artifact);

        Path tampered = Files.writeString(dir.resolve("tampered.jar"), "attested artifact, changed\n");
        PackagedCli ours = verify("verify-attestation", attestation, IDENTITY, stack.issuer, stack.trustedRoot, tampered);
        assertThat(ours.exitCode()).as(ours.output()).isEqualTo(1);
        PackagedCli wrong = verify("verify-attestation", attestation, "someone-else@example.test", stack.issuer, stack.trustedRoot,
                artifact);
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(1);
    }

    @Test
    void inAGitHubActionsJobTheTokenComesFromGitHubsTokenService() throws Exception {
        Path artifact = Files.writeString(dir.resolve("gha.bin"), "built in a workflow\n");
        try (GitHubTokenServiceDouble github = new GitHubTokenServiceDouble("job-request-token",
                Files.readString(stack.tokenFile).strip())) {
            Map<String, String> job = env(stack);
            job.putAll(github.jobEnvironment("job-request-token"));
            PackagedCli sign = provenant(job, List.of("sign", "--keyless", "--signing-config", stack.signingConfig.toString(),
                    "--trusted-root", stack.trustedRoot.toString(), artifact.toString()));
            assertThat(sign.exitCode()).as(sign.output()).isZero();
            assertThat(sign.output()).contains("Using the identity token from GitHub Actions").doesNotContain("job-request-token");
            assertThat(github.requests()).containsExactly("GET api-version=2.0&audience=sigstore bearer job-request-token");
        }
        bothAccept("verify", dir.resolve("gha.bin.sigstore.json"), artifact);

        PackagedCli none = provenant(env(stack), List.of("sign", "--keyless", "--signing-config", stack.signingConfig.toString(),
                "--trusted-root", stack.trustedRoot.toString(), "--bundle", dir.resolve("none.json").toString(), artifact.toString()));
        assertThat(none.exitCode()).as(none.output()).isEqualTo(2);
        assertThat(none.output()).contains("no OIDC identity token; tried GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL is not set",
                "SIGSTORE_ID_TOKEN: SIGSTORE_ID_TOKEN is not set", "browser sign-in: CI is set");
        assertThat(Files.exists(dir.resolve("none.json"))).isFalse();
    }

    @Test
    void onlyKeylessSigningLoadsSigstoreJava() throws Exception {
        Path artifact = Files.writeString(dir.resolve("k.txt"), "key-signed\n");
        String prefix = dir.resolve("k").toString();
        assertThat(provenant(Map.of(), List.of("keygen", "--no-password", "--output-prefix", prefix)).exitCode()).isZero();
        Map<String, String> trace = Map.of("PROVENANT_JAVA_OPTS", "-Xlog:class+load=info");
        PackagedCli sign = provenant(trace, List.of("sign", "--key", prefix + ".key", artifact.toString()));
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        PackagedCli verify = provenant(trace, List.of("verify", "--key", prefix + ".pub", artifact.toString()));
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        for (PackagedCli run : List.of(sign, verify)) {
            assertThat(run.output()).contains("dev.provenant.cli.Main").doesNotContain("dev.sigstore.", "io.grpc.",
                    "com.google.protobuf.", "dev.provenant.keyless.");
        }
    }
}
