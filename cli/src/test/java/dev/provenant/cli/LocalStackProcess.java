package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./provenant local-sigstore --json} running in the background, as the README demo runs it:
 * its first stdout line says it is ready and where its files are; destroying the process stops it.
 */
final class LocalStackProcess implements AutoCloseable {
    private final Process process;
    final Path trustedRoot;
    final Path signingConfig;
    final Path tokenFile;
    final Path trustStore;
    final String issuer;
    final String identity;

    private LocalStackProcess(Process process, JsonNode ready) {
        this.process = process;
        this.trustedRoot = Path.of(ready.get("trustedRoot").asText());
        this.signingConfig = Path.of(ready.get("signingConfig").asText());
        this.tokenFile = Path.of(ready.get("tokenFile").asText());
        this.trustStore = Path.of(ready.get("trustStore").asText());
        this.issuer = ready.get("oidcIssuer").asText();
        this.identity = ready.get("identity").asText();
    }

    static LocalStackProcess start(Path dir, String identity) throws Exception {
        return start(dir, identity, "both");
    }

    /** @param rekor the stack's {@code --rekor}: which Rekor APIs it serves and names in its signing config (v1, v2 or both) */
    static LocalStackProcess start(Path dir, String identity, String rekor) throws Exception {
        Process p = new ProcessBuilder(PackagedCli.ROOT.resolve("provenant").toString(), "local-sigstore", "--dir", dir.toString(),
                "--identity", identity, "--rekor", rekor, "--json")
                .directory(PackagedCli.ROOT.toFile())
                .redirectError(dir.resolveSibling(dir.getFileName() + ".stderr").toFile())
                .start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("local-sigstore exited before it was ready (exit " + p.exitValue() + ")");
        }
        JsonNode ready = JsonCodec.readTree(line.getBytes(StandardCharsets.UTF_8), "local-sigstore status");
        if (!ready.path("ready").asBoolean()) {
            p.destroy();
            throw new IllegalStateException("local-sigstore is not ready: " + line);
        }
        return new LocalStackProcess(p, ready);
    }

    /** The variables a signing CLI needs for this stack: its Fulcio serves gRPC over TLS with the stack's own CA. */
    Map<String, String> signingEnv() {
        return Map.of("PROVENANT_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trustStore);
    }

    List<String> keylessFlags() {
        return keylessFlags(signingConfig);
    }

    /** The keyless flags with another signing config for this stack's services (e.g. {@link #rekorV1OnlySigningConfig}). */
    List<String> keylessFlags(Path config) {
        return List.of("--keyless", "--identity-token", "@" + tokenFile, "--signing-config", config.toString(),
                "--trusted-root", trustedRoot.toString());
    }

    @Override
    public void close() throws InterruptedException {
        // ./provenant runs java as a child (not exec) on the run that records the class-data archive,
        // so the stack's JVM is a descendant of the script's process: stop it too, or it outlives the test
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // the stack's JVM holds DIR/lock until it has exited: wait for it, so a restart on DIR can start
        for (ProcessHandle child : descendants) {
            try {
                child.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * The stack's signing config in the public-good instance's shape: Fulcio, its TSA and its Rekor v1 log
     * only, so DSSE envelopes are logged as Rekor v1 {@code dsse} entries.
     */
    Path rekorV1OnlySigningConfig(Path file) throws java.io.IOException {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.provenant.attest.json.JsonCodec.mapper()
                .readTree(java.nio.file.Files.readAllBytes(signingConfig));
        var logs = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("rekorTlogUrls");
        for (int i = logs.size() - 1; i >= 0; i--) {
            if (logs.get(i).path("majorApiVersion").asInt() != 1) {
                logs.remove(i);
            }
        }
        return java.nio.file.Files.write(file, dev.provenant.attest.json.JsonCodec.mapper().writeValueAsBytes(tree));
    }
}
