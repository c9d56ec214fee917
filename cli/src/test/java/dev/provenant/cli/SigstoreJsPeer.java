package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's sigstore-js peer (interop/sigstore-js): an independent verifier, installed with
 * {@code npm ci} into interop/sigstore-js/node_modules the first time a test needs it (again only
 * when package-lock.json changes). Tests that need it are skipped, with one line saying why, on a
 * machine without {@code node} or {@code npm}.
 */
final class SigstoreJsPeer {
    static final Path DIR = PackagedCli.ROOT.resolve("interop/sigstore-js");
    static final Path SCRIPT = DIR.resolve("verify.js");

    private static boolean installed;

    private SigstoreJsPeer() {}

    /** Installs the peer if it is not yet; skips the calling test when node or npm is missing. */
    static synchronized Path require() throws IOException, InterruptedException {
        if (installed) {
            return SCRIPT;
        }
        for (String tool : List.of("node", "npm")) {
            if (!onPath(tool)) {
                String why = "sigstore-js peer: '" + tool + "' is not on the PATH, skipping the tests that compare with sigstore-js";
                System.err.println(why);
                Assumptions.abort(why);
            }
        }
        Path lock = DIR.resolve("package-lock.json");
        Path stamp = DIR.resolve("node_modules/.package-lock.json");
        if (!Files.exists(stamp) || Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            PackagedCli install = PackagedCli.run(600, List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", DIR.toString()));
            assertThat(install.exitCode()).as("npm ci of the sigstore-js peer: " + install.output()).isZero();
        }
        installed = true;
        return SCRIPT;
    }

    private static boolean onPath(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code node verify.js verify-bundle ARGS}: exit 0 verified, 1 not, 2 usage. */
    static PackagedCli verifyBundle(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", require().toString(), "verify-bundle"));
        command.addAll(args);
        return PackagedCli.run(120, command);
    }

    /** One answer of the batch mode: whether sigstore-js verified the bundle, and why not. */
    record Answer(boolean ok, String code, String error) {}

    /**
     * Verifies every request (fields as listed in verify.js) in one Node process; the answers come in
     * the order of the requests.
     */
    static List<Answer> batch(List<ObjectNode> requests, Path work, long timeoutSeconds) throws IOException, InterruptedException {
        Path in = work.resolve("sigstore-js-requests.jsonl");
        try (OutputStream out = Files.newOutputStream(in)) {
            for (int i = 0; i < requests.size(); i++) {
                ObjectNode request = requests.get(i).deepCopy();
                request.put("id", i);
                out.write(JsonCodec.write(request));
                out.write('\n');
            }
        }
        Process p = new ProcessBuilder("node", require().toString(), "batch").directory(DIR.toFile()).redirectInput(in.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Answer> answers = new ArrayList<>(requests.size());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode answer = JsonCodec.mapper().readTree(line);
                assertThat(answer.path("id").asInt(-1)).as("sigstore-js batch answers in order: " + line).isEqualTo(answers.size());
                answers.add(new Answer(answer.path("ok").asBoolean(), answer.path("code").asText(""), answer.path("error").asText("")));
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sigstore-js batch did not finish in " + timeoutSeconds + " s");
        }
        assertThat(p.exitValue()).as("sigstore-js batch exit code").isZero();
        assertThat(answers).as("one sigstore-js answer per request").hasSize(requests.size());
        Files.delete(in);
        return answers;
    }
}
