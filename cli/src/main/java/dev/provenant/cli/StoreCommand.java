package dev.provenant.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        subcommands = {StorePushCommand.class, StoreFindCommand.class},
        description = {"Keep attestation bundles in an evidence store (a folder, or a PostgreSQL database shared by runners), found",
            "by subject digest, predicate type and signer, so that later pipeline stages on other machines find them.",
            "The store is not trusted: what it returns is verified where it is used. See docs/EVIDENCE-STORE.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant store push --store .provenant-store app.jar.provenance.sigstore.json",
            "  PROVENANT_STORE_URL=postgresql://db.internal/evidence provenant store find --subject sha256:ab12..."})
final class StoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
