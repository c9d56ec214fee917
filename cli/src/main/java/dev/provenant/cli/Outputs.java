package dev.provenant.cli;

import dev.provenant.frontend.ResultJson;
import dev.provenant.frontend.Signing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;

/** Where command results go: files written atomically, or stdout for {@code -}. */
final class Outputs {
    private Outputs() {}

    /** Writes {@code content} to {@code destination}, or to stdout when it is {@code -}. */
    static void write(CommandLine cmd, String destination, byte[] content) throws IOException {
        if ("-".equals(destination)) {
            cmd.getOut().println(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            cmd.getOut().flush();
            return;
        }
        AtomicFile.write(Path.of(destination), content, AtomicFile.PUBLIC);
    }

    static ObjectNode okJson() {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("ok", true);
        return node;
    }

    /** Adds the signer's identity to a command's {@code --json} result, when it signed keyless. */
    static void describe(Signing signing, ObjectNode out) {
        ResultJson.keylessIdentity(out, signing.identity());
    }

    static void printJson(CommandLine cmd, ObjectNode node) {
        cmd.getOut().println(JsonCodec.writeString(node));
        cmd.getOut().flush();
    }

    /** With --tlog-upload: each log entry the bundle now carries, by log index. */
    static void tlog(dev.provenant.attest.bundle.Bundle bundle, java.io.PrintWriter out) {
        for (var e : bundle.verificationMaterial().tlogEntries()) {
            out.printf("Logged: %s %s entry, log index %d%n", e.kindVersion().kind(), e.kindVersion().version(), e.logIndex());
        }
    }

    static void tlog(dev.provenant.attest.bundle.Bundle bundle, ObjectNode json) {
        var entries = bundle.verificationMaterial().tlogEntries();
        if (!entries.isEmpty()) {
            var array = json.putArray("tlogEntries");
            entries.forEach(e -> array.addObject().put("kind", e.kindVersion().kind()).put("logIndex", e.logIndex()));
        }
    }
}
