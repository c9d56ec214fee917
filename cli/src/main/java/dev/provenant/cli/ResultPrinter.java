package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.BundleChoice;
import dev.provenant.frontend.ResultJson;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.VerificationResult;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Prints a successful verification: what was checked, for people, or the same as JSON fields. */
final class ResultPrinter {
    private ResultPrinter() {}

    static void print(CommandLine cmd, boolean json, String subject, VerificationResult r, boolean printStatement,
            String trustSource) {
        print(cmd, json, subject, r, printStatement, trustSource, null);
    }

    /** @param choice which line of a JSON lines file held, or null for a single bundle */
    static void print(CommandLine cmd, boolean json, String subject, VerificationResult r, boolean printStatement,
            String trustSource, BundleChoice<?> choice) {
        PrintWriter out = cmd.getOut();
        if (json) {
            var node = ResultJson.verification(Outputs.okJson(), r, trustSource, printStatement);
            Outputs.printJson(cmd, choice == null ? node : ResultJson.bundleLines(node, choice));
            return;
        }
        if (printStatement && r.statement().isPresent()) {
            out.println(new String(JsonCodec.writePretty(r.statement().get()), java.nio.charset.StandardCharsets.UTF_8));
        }
        PrintWriter report = printStatement ? cmd.getErr() : out;
        report.printf("Verified OK: %s%n", line(subject));
        printLine(report, choice);
        if (r.identity().isPresent()) {
            var c = r.identity().get();
            report.printf("  signed by   %s%n", line(c.identity().san().map(san -> san.value()).orElse("(no identity)")));
            report.printf("  issuer      %s%n", line(c.identity().issuer().orElse("(none)")));
            report.printf("  certified   by %s, %d SCT(s) verified, key %s%n", line(c.certificateAuthority()), c.verifiedScts(),
                    r.algorithm().sigstoreName());
        } else {
            report.printf("  signed by   key sha256:%s (%s)%n", r.keyFingerprint(), r.algorithm().sigstoreName());
        }
        r.artifacts().forEach(d -> report.printf("  artifact    %s%n", line(d.toString())));
        r.statement().ifPresent(s -> report.printf("  predicate   %s (%d subject(s))%n", line(s.predicateType()), s.subject().size()));
        if (r.tlogEntries().isEmpty()) {
            report.printf("  tlog        none in the bundle (key-signed; pass --require-tlog to demand one)%n");
        }
        r.tlogEntries().forEach(e -> report.printf("  tlog        %s entry %d, integrated %s%s%s%n", line(e.log()), e.logIndex(),
                e.integratedTime() == null ? "(no integrated time)" : e.integratedTime(),
                e.inclusionProofChecked() ? ", inclusion proof + checkpoint verified" : "",
                e.signedEntryTimestampChecked() ? ", SET verified" : ""));
        r.timestamps().forEach(t -> report.printf("  timestamp   %s by %s (RFC 3161, verified)%n", t.time(), line(t.authority())));
        if (trustSource != null) {
            report.printf("  trust root  %s%n", line(trustSource));
        }
        StringBuilder checks = new StringBuilder();
        for (Check c : r.checks()) {
            checks.append(checks.length() == 0 ? "" : ", ").append(c.label());
        }
        report.printf("  checks      %s%n", checks);
        report.flush();
        out.flush();
    }

    /** Which line of a JSON lines file held, and the lines tried before it. */
    static void printLine(PrintWriter report, BundleChoice<?> choice) {
        if (choice == null || !choice.jsonLines()) {
            return;
        }
        report.printf("  bundle      line %d of the JSON lines%n", choice.line());
        choice.skipped().forEach(s -> report.printf("  skipped     line %d: %s: %s%n", s.line(), s.check().label(), line(s.reason())));
    }
}
