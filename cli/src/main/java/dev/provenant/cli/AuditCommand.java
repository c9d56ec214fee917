package dev.provenant.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        subcommands = {AuditVerifyCommand.class, AuditCheckpointCommand.class, AuditShowCommand.class},
        description = {"Audit the evidence store's decision log: every promote decision is a leaf of an append-only Merkle log",
            "(RFC 6962) whose checkpoints the deciding gate's key signs, so a decision removed, reordered or edited by",
            "anyone without that key is found. See docs/EVIDENCE-STORE.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant audit verify --policy policy.yaml --since published-checkpoint.txt",
            "  provenant audit checkpoint > checkpoint.txt",
            "  provenant audit show --subject sha256:ab12..."})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
