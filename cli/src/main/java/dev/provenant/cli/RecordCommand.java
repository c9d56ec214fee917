package dev.provenant.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Record a step that spans several commands, as in-toto-record does: 'start' signs the materials into",
            ".NAME.KEYID8.link-unfinished; 'stop', with the same key, checks that file's signature, adds the products and",
            "writes NAME.KEYID8.link and NAME.KEYID8.link.sigstore.json."},
        subcommands = {RecordCommand.Start.class, RecordCommand.Stop.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant record start --step package --key alice -m dist",
            "  ... any number of commands ...",
            "  provenant record stop --step package --key alice -p release.tar.gz"})
final class RecordCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * record start and stop run no command: the commands between them run as the caller runs them, so there is
     * nothing Provenant could put in a sandbox. {@code --sandbox} is refused while the arguments are read (before
     * any missing option is reported), in one line saying why and what to use instead.
     */
    static final class NoSandbox {
        static final String WHY = "--sandbox: record start and stop run no command (the commands between them run as you"
                + " run them), so there is nothing to sandbox: run each command that must be isolated as a step of its own"
                + " with provenant run --sandbox [PROFILE] ... -- CMD";

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--sandbox", arity = "0..1", fallbackValue = "strict", hidden = true, paramLabel = "PROFILE")
        void sandbox(String profile) {
            throw new CommandLine.ParameterException(spec.commandLine(), WHY, new UsageException(WHY), null, profile);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
            description = "Record materials into a signed preliminary link.",
            footerHeading = "%nExamples:%n",
            footer = {"  provenant record start -n package -k alice -m dist src/VERSION"})
    static final class Start implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StepOptions step;

        @Option(names = {"-m", "--materials"}, arity = "1..*", paramLabel = "PATH", description = "Files or directories to record.")
        List<String> materials = new ArrayList<>();

        @Mixin
        NoSandbox noSandbox;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            var file = step.recorder().start(step.step, materials);
            if (common.json) {
                Outputs.printJson(spec.commandLine(), Outputs.okJson().put("step", step.step).put("unfinished", file.toString()));
            } else {
                spec.commandLine().getOut().printf("Started step %s: %s%n", step.step, file);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
            description = "Add products to the preliminary link of 'record start' and sign the finished link.",
            footerHeading = "%nExamples:%n",
            footer = {"  provenant record stop -n package -k alice -p release.tar.gz --json"})
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StepOptions step;

        @Option(names = {"-p", "--products"}, arity = "1..*", paramLabel = "PATH", description = "Files or directories to record.")
        List<String> products = new ArrayList<>();

        @Mixin
        NoSandbox noSandbox;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            StepPrinter.print(spec.commandLine(), common.json, step.recorder().stop(step.step, products));
            return ExitCode.OK;
        }
    }
}
