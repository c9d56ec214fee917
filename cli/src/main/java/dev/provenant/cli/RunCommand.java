package dev.provenant.cli;

import dev.provenant.signer.link.CommandRunner;
import dev.provenant.signer.link.RecordedStep;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Run one supply-chain step and record it as in-toto-run does: material digests before, the command,",
            "product digests after, signed by a functionary key. Writes NAME.KEYID8.link (in-toto's classic link, which",
            "in-toto-verify reads) and NAME.KEYID8.link.sigstore.json (the same evidence as an in-toto Statement with",
            "predicate https://in-toto.io/attestation/link/v0.3 in a DSSE Sigstore bundle; only when there are products).",
            "A command that fails is still recorded, with its return-value, and provenant exits 1."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant run --step build --key alice -m src -p dist/app.jar -- make dist",
            "  provenant run -n test -k bob.json -m dist -s -- ./run-tests.sh     # -s records stdout/stderr",
            "  provenant run -n tag -k release.key --no-command -p dist --json",
            "Keys: in-toto-keygen NAME (RSA PEM), in-toto-keygen -t ed25519|ecdsa NAME (JSON), or provenant keygen."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StepOptions step;

    @Option(names = {"-m", "--materials"}, arity = "1..*", paramLabel = "PATH",
            description = "Files or directories to record before the command.")
    List<String> materials = new ArrayList<>();

    @Option(names = {"-p", "--products"}, arity = "1..*", paramLabel = "PATH",
            description = "Files or directories to record after the command.")
    List<String> products = new ArrayList<>();

    @Option(names = {"-s", "--record-streams"}, description = "Record the command's stdout and stderr as byproducts (still shown).")
    boolean recordStreams;

    @Option(names = {"-x", "--no-command"}, description = "Record artifacts without running a command.")
    boolean noCommand;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (noCommand && !command.isEmpty()) {
            throw new UsageException("--no-command takes no command; drop either");
        }
        if (!noCommand && command.isEmpty()) {
            throw new UsageException("name the command after --, or pass --no-command");
        }
        // The command's output goes where provenant's own would; with --json, stdout stays JSON-only.
        var out = common.json ? new FileOutputStream(FileDescriptor.err) : new FileOutputStream(FileDescriptor.out);
        var err = new FileOutputStream(FileDescriptor.err);
        RecordedStep done = step.recorder().run(step.step, materials, command,
                new CommandRunner(recordStreams, out, err), products);
        StepPrinter.print(spec.commandLine(), common.json, done);
        var rv = done.link().byproducts().get("return-value");
        if (rv != null && rv.asInt() != 0) {
            spec.commandLine().getErr().printf("provenant: step %s: the command exited with %d (recorded in %s)%n",
                    step.step, rv.asInt(), done.linkFile());
            return ExitCode.NOT_TRUSTED;
        }
        return ExitCode.OK;
    }
}
