package dev.provenant.cli;

import dev.provenant.store.DecisionLog;
import dev.provenant.store.EvidenceStore;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "checkpoint", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Print the decision log's latest signed checkpoint (a C2SP signed note), to publish or keep outside the",
            "store; `provenant audit verify --since FILE` later proves the log still extends it. It is printed as stored:",
            "`audit verify` is what checks it. Exit 0 printed; 1 the log has no checkpoint yet; 3 the store failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant audit checkpoint > decisions-$(date +%%F).checkpoint"})
final class AuditCheckpointCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.OPTION_DESCRIPTION)
    String store;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        try (EvidenceStore s = StoreCli.open(store)) {
            var note = new DecisionLog(s).latestCheckpoint();
            CommandLine cmd = spec.commandLine();
            if (note.isEmpty()) {
                cmd.getErr().println("provenant: the decision log of " + s.name() + " has no checkpoint: no decision was recorded yet");
                cmd.getErr().flush();
                return ExitCode.NOT_TRUSTED;
            }
            if (common.json) {
                var out = Outputs.okJson();
                out.put("store", s.name());
                out.put("checkpoint", note.get());
                Outputs.printJson(cmd, out);
            } else {
                cmd.getOut().print(note.get());
                cmd.getOut().flush();
            }
            return ExitCode.OK;
        }
    }
}
