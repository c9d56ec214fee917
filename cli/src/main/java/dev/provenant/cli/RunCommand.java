package dev.provenant.cli;

import dev.provenant.intoto.record.CommandRunner;
import dev.provenant.intoto.record.RecordedStep;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import dev.provenant.attest.FormatException;
import dev.provenant.sandbox.Sandbox;
import dev.provenant.sandbox.SandboxProfile;
import dev.provenant.sandbox.SandboxSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
            "  provenant run -n build -k alice --sandbox build -m src pom.xml -p target -- mvn -o -q package",
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

    @Option(names = "--sandbox", arity = "0..1", fallbackValue = "strict", paramLabel = "PROFILE",
            description = {"Run the command in a bubblewrap sandbox: a built-in profile (strict, the default; build; test) or",
                "a profile file (provenant sandbox check FILE). The network is off, the root read-only, only products writable;",
                "the link records the profile's digest and what was enforced. Refuses to run when bubblewrap is missing."})
    String sandbox;

    @Option(names = "--secret", paramLabel = "NAME",
            description = "With --sandbox: pass the environment variable NAME to the step (only its name is recorded).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "NAME=FILE",
            description = "With --sandbox: set NAME in the step's environment to FILE's content (only NAME is recorded).")
    Map<String, Path> secretFiles = new LinkedHashMap<>();

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
        CommandRunner runner = new CommandRunner(recordStreams, out, err);
        RecordedStep done;
        if (sandbox != null) {
            if (noCommand) {
                throw new UsageException("--sandbox runs a command; --no-command runs none: drop either");
            }
            done = step.recorder().runSandboxed(step.step, materials, command, runner, sandbox(), products);
        } else {
            if (!secrets.isEmpty() || !secretFiles.isEmpty()) {
                throw new UsageException("--secret and --secret-file pass secrets into a sandbox: add --sandbox");
            }
            done = step.recorder().run(step.step, materials, command, runner, products);
        }
        StepPrinter.print(spec.commandLine(), common.json, done);
        var rv = done.link().byproducts().get("return-value");
        if (rv != null && rv.asInt() != 0) {
            spec.commandLine().getErr().printf("provenant: step %s: the command exited with %d (recorded in %s)%n",
                    step.step, rv.asInt(), done.linkFile());
            return ExitCode.NOT_TRUSTED;
        }
        return ExitCode.OK;
    }

    private Sandbox sandbox() throws Exception {
        SandboxProfile profile;
        try {
            profile = SandboxProfile.load(sandbox);
        } catch (FormatException e) {
            throw new UsageException("sandbox profile: " + e.getMessage());
        }
        Map<String, String> given = new TreeMap<>();
        for (String name : secrets) {
            given.put(name, SandboxSecrets.fromEnvironment(name, System.getenv()));
        }
        for (var e : secretFiles.entrySet()) {
            given.put(e.getKey(), SandboxSecrets.fromFile(e.getKey(), e.getValue()));
        }
        return Sandbox.locate(profile, System.getenv(), given);
    }
}
