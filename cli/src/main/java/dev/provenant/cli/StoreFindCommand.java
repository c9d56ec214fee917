package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.StoredBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "find", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"List the stored bundles about an artifact digest, oldest first, optionally of one predicate type or signer;",
            "with --output-dir, write each to DIR/HEX.sigstore.json. Exit 0 when at least one is found, 1 when none is."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant store find --subject sha256:ab12... --predicate-type https://slsa.dev/provenance/v1",
            "  provenant store find --store .provenant-store --subject sha256:ab12... --output-dir evidence/"})
final class StoreFindCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.OPTION_DESCRIPTION)
    String store;

    @Option(names = "--subject", required = true, paramLabel = "ALG:HEX", description = "The artifact's digest, e.g. sha256:HEX.")
    String subject;

    @Option(names = "--predicate-type", paramLabel = "URI", description = "Only statements of this predicate type.")
    String predicateType;

    @Option(names = "--signer", paramLabel = "SIGNER",
            description = "Only bundles signed by this certificate identity (URI or e-mail), cert:SHA256 or key:HINT.")
    String signer;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write each bundle found into this folder.")
    Path outputDir;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        String digest = StoreCli.subject(subject);
        try (EvidenceStore s = StoreCli.open(store)) {
            List<StoredBundle> found = s.find(digest, Optional.ofNullable(predicateType), Optional.ofNullable(signer));
            if (outputDir != null) {
                Files.createDirectories(outputDir);
                for (StoredBundle b : found) {
                    byte[] bytes = s.bundle(b.digest().toString()).orElseThrow(() -> new dev.provenant.store.StoreException(
                            s.name() + " indexes bundle " + b.digest() + " but does not hold it"));
                    AtomicFile.write(outputDir.resolve(b.digest().hex() + ".sigstore.json"), bytes, AtomicFile.PUBLIC);
                }
            }
            CommandLine cmd = spec.commandLine();
            if (common.json) {
                ObjectNode out = Outputs.okJson();
                out.put("ok", !found.isEmpty());
                out.put("store", s.name());
                ArrayNode list = out.putArray("bundles");
                found.forEach(b -> list.add(json(b)));
                Outputs.printJson(cmd, out);
            } else {
                for (StoredBundle b : found) {
                    cmd.getOut().println(b.digest() + "  " + b.predicateType().orElse("(message signature)") + "  " + b.signer());
                }
                cmd.getOut().flush();
                if (found.isEmpty()) {
                    cmd.getErr().println("provenant: " + s.name() + " holds no bundle about " + digest
                            + (predicateType == null ? "" : " of type " + predicateType) + (signer == null ? "" : " by " + signer));
                    cmd.getErr().flush();
                }
            }
            return found.isEmpty() ? ExitCode.NOT_TRUSTED : ExitCode.OK;
        }
    }

    static ObjectNode json(StoredBundle b) {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("digest", b.digest().toString());
        b.predicateType().ifPresent(t -> node.put("predicateType", t));
        node.put("signer", b.signer());
        ArrayNode subjects = node.putArray("subjects");
        b.subjects().forEach(subjects::add);
        return node;
    }
}
