package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Prints verified provenance: who signed, and each provenance check that held. */
final class ProvenancePrinter {
    private ProvenancePrinter() {}

    static void print(CommandLine cmd, boolean json, String subject, VerificationResult r, VerifiedProvenance v, boolean printProvenance) {
        Provenance p = v.provenance();
        String signer = r.identity().flatMap(c -> c.identity().san()).map(san -> san.value())
                .orElse("key sha256:" + r.keyFingerprint());
        if (json) {
            ObjectNode node = Outputs.okJson();
            node.put("verified", true);
            node.put("signer", signer);
            node.put("predicateType", p.predicateType());
            node.put("builderId", p.builderId());
            node.put("buildType", p.buildType());
            p.source().ifPresent(s -> node.put("source", s));
            p.ref().ifPresent(ref -> node.put("ref", ref));
            p.commit().ifPresent(c -> node.put("commit", c));
            node.put("signerConsistencyChecked", v.signerChecked());
            ArrayNode artifacts = node.putArray("artifacts");
            r.artifacts().forEach(d -> artifacts.add(d.toString()));
            ArrayNode checked = node.putArray("checked");
            v.checked().forEach(checked::add);
            if (printProvenance) {
                r.statement().ifPresent(s -> node.set("statement", JsonCodec.mapper().valueToTree(s)));
            }
            Outputs.printJson(cmd, node);
            return;
        }
        PrintWriter out = cmd.getOut();
        if (printProvenance && r.statement().isPresent()) {
            out.println(new String(JsonCodec.writePretty(r.statement().get()), StandardCharsets.UTF_8));
        }
        // With the statement on stdout, the report goes to stderr so stdout stays one JSON document.
        PrintWriter report = printProvenance ? cmd.getErr() : out;
        report.printf("Verified OK: %s%n", line(subject));
        report.printf("  signed by   %s%n", line(signer));
        report.printf("  predicate   %s%n", line(p.predicateType()));
        report.printf("  builder     %s%n", line(p.builderId()));
        report.printf("  source      %s%n", line(p.source().orElse("(none)")));
        report.printf("  ref         %s%s%n", line(p.ref().orElse("(none)")), line(p.commit().map(c -> " at " + c).orElse("")));
        report.printf("  build type  %s%n", line(p.buildType()));
        v.checked().forEach(c -> report.printf("  checked     %s%n", line(c)));
        report.printf("  signer      %s%n", v.signerChecked()
                ? "certificate's workflow, source, ref and commit consistent with the provenance"
                : "trusted key: the provenance is as trustworthy as its holder");
        report.flush();
        out.flush();
    }
}
