package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.store.StoredBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Store attestation bundles, indexed by every subject digest, predicate type and signer. Storing the same",
            "bundle again changes nothing. Exit 0 stored; 1 a file is not a bundle; 2 unreadable; 3 the store failed."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant store push --store .provenant-store app.jar.provenance.sigstore.json app.jar.sigstore.json"})
final class StorePushCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.OPTION_DESCRIPTION)
    String store;

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "Sigstore bundles to store.")
    List<Path> bundles;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (Path bundle : bundles) {
            contents.add(JsonValue.readDocument(bundle, InputLimit.BUNDLE));
        }
        dev.provenant.frontend.StorePush.Pushed pushed = StoreCli.push(store, contents);
        List<StoredBundle> stored = pushed.bundles();
        CommandLine cmd = spec.commandLine();
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("store", pushed.store());
            ArrayNode list = out.putArray("bundles");
            for (int i = 0; i < stored.size(); i++) {
                list.add(StoreFindCommand.json(stored.get(i)).put("file", bundles.get(i).toString()));
            }
            Outputs.printJson(cmd, out);
        } else {
            for (int i = 0; i < stored.size(); i++) {
                cmd.getOut().println("stored " + bundles.get(i) + " as " + stored.get(i).digest() + " ("
                        + String.join(", ", stored.get(i).subjects()) + ")");
            }
            cmd.getOut().flush();
        }
        return ExitCode.OK;
    }
}
