package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.BundleChoice;
import dev.provenant.frontend.ResultJson;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Prints verified provenance: who signed, and each provenance check that held. */
final class ProvenancePrinter {
    private ProvenancePrinter() {}

    /** @param choice which line of a JSON lines file held, or null for a single bundle */
    static void print(CommandLine cmd, boolean json, String subject, VerificationResult r, VerifiedProvenance v, boolean printProvenance,
            BundleChoice<?> choice) {
        Provenance p = v.provenance();
        String signer = ResultJson.signer(r);
        if (json) {
            var node = ResultJson.provenance(Outputs.okJson(), r, v, printProvenance);
            Outputs.printJson(cmd, choice == null ? node : ResultJson.bundleLines(node, choice));
            return;
        }
        PrintWriter out = cmd.getOut();
        if (printProvenance && r.statement().isPresent()) {
            out.println(new String(JsonCodec.writePretty(r.statement().get()), StandardCharsets.UTF_8));
        }
        // With the statement on stdout, the report goes to stderr so stdout stays one JSON document.
        PrintWriter report = printProvenance ? cmd.getErr() : out;
        report.printf("Verified OK: %s%n", line(subject));
        ResultPrinter.printLine(report, choice);
        report.printf("  signed by   %s%n", line(signer));
        report.printf("  predicate   %s%n", line(p.predicateType()));
        report.printf("  builder     %s%n", line(p.builderId()));
        report.printf("  source      %s%n", line(p.source().orElse("(none)")));
        report.printf("  ref         %s%s%n", line(p.ref().orElse("(none)")), line(p.commit().map(c -> " at " + c).orElse("")));
        report.printf("  build type  %s%n", line(p.buildType()));
        ResultJson.sandbox(r).ifPresent(s -> report.printf("  sandbox     %s%n", line(SandboxEvidence.describe(s))));
        v.checked().forEach(c -> report.printf("  checked     %s%n", line(c)));
        report.printf("  signer      %s%n", v.signerChecked()
                ? "certificate's workflow, source, ref and commit consistent with the provenance"
                : "trusted key: the provenance is as trustworthy as its holder");
        report.flush();
        out.flush();
    }
}
