package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.provenant.store.Decisions;
import dev.provenant.store.EvidenceStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"List the recorded gate decisions about an artifact digest, oldest first: leaf index, time, stage, result and",
            "the first rule that failed. Shown as stored; `provenant audit verify` proves they are the decisions the gates signed.",
            "Exit 0 when there is at least one, 1 when there is none."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant audit show --subject sha256:ab12...", "  provenant audit show --subject sha256:ab12... --json"})
final class AuditShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.OPTION_DESCRIPTION)
    String store;

    @Option(names = "--subject", required = true, paramLabel = "ALG:HEX", description = "The artifact's digest, e.g. sha256:HEX.")
    String subject;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        String digest = StoreCli.subject(subject);
        CommandLine cmd = spec.commandLine();
        try (EvidenceStore s = StoreCli.open(store)) {
            List<Long> indices = s.decisionsFor(digest);
            var json = Outputs.okJson();
            json.put("ok", !indices.isEmpty());
            json.put("store", s.name());
            ArrayNode list = json.putArray("decisions");
            PrintWriter out = cmd.getOut();
            for (long index : indices) {
                Optional<JsonNode> decision = s.leaf(index).flatMap(Decisions::parse);
                if (common.json) {
                    var node = list.addObject().put("leaf", index);
                    decision.ifPresent(d -> node.set("decision", d));
                } else if (decision.isEmpty()) {
                    out.println(index + "  (not a decision record)");
                } else {
                    JsonNode d = decision.get();
                    String failed = "";
                    for (JsonNode rule : d.path("rules")) {
                        if ("fail".equals(rule.path("result").asText())) {
                            failed = "  " + rule.path("rule").asText() + ": " + rule.path("reason").asText();
                            break;
                        }
                    }
                    out.println(index + "  " + d.path("time").asText() + "  " + d.path("stage").asText() + "  "
                            + (d.path("passed").asBoolean() ? "passed" : "refused") + "  " + d.path("policyDigest").asText()
                            + dev.provenant.attest.text.TerminalText.line(failed));
                }
            }
            if (common.json) {
                Outputs.printJson(cmd, json);
            } else {
                out.flush();
                if (indices.isEmpty()) {
                    cmd.getErr().println("provenant: " + s.name() + " records no decision about " + digest);
                    cmd.getErr().flush();
                }
            }
            return indices.isEmpty() ? ExitCode.NOT_TRUSTED : ExitCode.OK;
        }
    }
}
