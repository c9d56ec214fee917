package dev.provenant.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a script of the checkout (./provenant, ./demo, the conformance adapter) as a user would. */
record PackagedCli(int exitCode, String output) {
    static final Path ROOT = Path.of(System.getProperty("provenant.root", "..")).toAbsolutePath().normalize();

    /** The shipped public-good trusted root, written once to a file for the scripts and peers that read one. */
    static synchronized Path publicGoodRoot() {
        if (publicGoodRoot == null) {
            try {
                Path file = java.nio.file.Files.createTempFile("public-good-trusted_root", ".json");
                file.toFile().deleteOnExit();
                publicGoodRoot = java.nio.file.Files.write(file, dev.provenant.verifier.trust.TrustedRoot.publicGoodJson());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return publicGoodRoot;
    }

    private static Path publicGoodRoot;

    static PackagedCli run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        return run(timeoutSeconds, Map.of(), command);
    }

    /** Runs with these variables added to (or, mapped to null, removed from) the inherited environment. */
    static PackagedCli run(long timeoutSeconds, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new PackagedCli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
