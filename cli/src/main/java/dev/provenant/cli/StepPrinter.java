package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.intoto.record.RecordedStep;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Prints what recording a step wrote. */
final class StepPrinter {
    private StepPrinter() {}

    static void print(CommandLine cmd, boolean json, RecordedStep done) {
        var returnValue = done.link().byproducts().get("return-value");
        if (json) {
            ObjectNode out = Outputs.okJson();
            out.put("step", done.link().name());
            out.put("keyid", done.keyid());
            out.put("link", done.linkFile().toString());
            done.bundleFile().ifPresent(b -> out.put("bundle", b.toString()));
            out.put("materials", done.link().materials().size());
            out.put("products", done.link().products().size());
            if (returnValue != null) {
                out.put("returnValue", returnValue.asInt());
            }
            Outputs.printJson(cmd, out);
            return;
        }
        PrintWriter out = cmd.getOut();
        out.printf("Recorded step %s with key %s%n", line(done.link().name()), done.keyid());
        out.printf("  materials   %d%n  products    %d%n", done.link().materials().size(), done.link().products().size());
        if (returnValue != null) {
            out.printf("  exit        %d%n", returnValue.asInt());
        }
        out.printf("  link        %s%n", line(done.linkFile().toString()));
        out.printf("  bundle      %s%n", done.bundleFile().map(b -> line(b.toString()))
                .orElse("none (no products to be the statement's subjects)"));
        out.flush();
    }
}
