package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.layout.InspectionRunner;
import dev.provenant.intoto.layout.LayoutVerification;
import dev.provenant.intoto.layout.LayoutVerifier;
import dev.provenant.intoto.layout.ProcessInspectionRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-layout", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify a software supply chain against an in-toto v1.0 layout, as in-toto-verify does.",
            "Checks the layout's signatures by every owner key given, its expiry, each step's links (STEP.KEYID8.link",
            "in --link-dir) against the step's functionary keys and threshold, and the artifact rules of steps and",
            "inspections. Inspections run commands in the working directory, so they run only with --run-inspections;",
            "a layout with inspections fails verification without it. A step's link may be a sublayout signed by its",
            "functionary, verified in turn with its links in LINK-DIR/STEP.KEYID8/.",
            "Exit 0 verified, 1 not verified (the failing step or rule is named), 2 usage or unreadable input."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-layout --layout root.layout --layout-key owner.pub --run-inspections",
            "  provenant verify-layout --layout root.layout --layout-key alice.pub --layout-key bob.pub --link-dir links --json"})
final class VerifyLayoutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-l", "--layout"}, required = true, paramLabel = "LAYOUT", description = "The signed layout file.")
    Path layout;

    @Option(names = {"-k", "--layout-key"}, required = true, arity = "1..*", paramLabel = "PUBKEY",
            description = "A layout owner's public key (PEM or securesystemslib JSON); every key given must have signed the layout.")
    List<Path> layoutKeys;

    @Option(names = {"-d", "--link-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where the step links are (default: the working directory).")
    Path linkDir;

    @Option(names = "--run-inspections",
            description = "Run the layout's inspection commands in the working directory and apply their rules.")
    boolean runInspections;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<SslibPublicKey> keys = new ArrayList<>();
        for (Path key : layoutKeys) {
            keys.add(SslibKeyFiles.readPublic(key, SslibScheme.RSASSA_PSS_SHA256));
        }
        if (!Files.isDirectory(linkDir)) {
            throw new UsageException("--link-dir " + linkDir + " is not a directory");
        }
        Metablock block;
        try {
            block = Metablock.parse(JsonValue.readDocument(layout, InputLimit.INTOTO_METADATA));
        } catch (FormatException e) {
            throw new UsageException(layout + ": " + e.getMessage());
        }
        // Inspection output goes to stderr: stdout carries the result, which must stay parseable with --json.
        PrintStream stderr = System.err;
        Optional<InspectionRunner> runner = runInspections
                ? Optional.of(new ProcessInspectionRunner(Path.of("").toAbsolutePath(), stderr)) : Optional.empty();
        var err = spec.commandLine().getErr();
        LayoutVerification result = new LayoutVerifier(Clock.systemUTC()).verify(block, keys, linkDir, runner, w -> {
            err.println("provenant: warning: " + line(w));
            err.flush();
        });
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("verified", true);
            ObjectNode steps = out.putObject("steps");
            result.stepSigners().forEach((step, keyids) -> keyids.forEach(steps.putArray(step)::add));
            result.inspections().forEach(out.putArray("inspections")::add);
            result.warnings().forEach(out.putArray("warnings")::add);
            Outputs.printJson(spec.commandLine(), out);
        } else {
            var out = spec.commandLine().getOut();
            out.printf("Verified OK: %s%n", line(layout.toString()));
            result.stepSigners().forEach((step, keyids) -> out.printf("  step        %s (signed by %s)%n", line(step), line(String.join(", ", keyids))));
            result.inspections().forEach(i -> out.printf("  inspection  %s%n", line(i)));
            if (!result.warnings().isEmpty()) {
                out.printf("  warnings    %d (see stderr)%n", result.warnings().size());
            }
            out.flush();
        }
        return ExitCode.OK;
    }
}
