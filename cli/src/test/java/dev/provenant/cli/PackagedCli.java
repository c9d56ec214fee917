package dev.provenant.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script of the checkout (./provenant, ./demo, the conformance adapter) as a user would. */
record PackagedCli(int exitCode, String output) {
    static final Path ROOT = Path.of(System.getProperty("provenant.root", "..")).toAbsolutePath().normalize();
    static final Path SHARED = Path.of(System.getProperty("provenant.shared", "../../shared")).toAbsolutePath().normalize();

    static PackagedCli run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new PackagedCli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
