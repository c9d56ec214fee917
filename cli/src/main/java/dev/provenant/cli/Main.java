package dev.provenant.cli;

import dev.provenant.attest.text.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code provenant} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command with the given streams and returns its exit code; tests call this directly. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // Evidence is untrusted text: every control character that reaches either stream is escaped.
        PrintWriter safeOut = new PrintWriter(TerminalText.writer(out), true);
        PrintWriter safeErr = new PrintWriter(TerminalText.writer(err), true);
        try {
            return commandLine(safeOut, safeErr, args.length == 0 ? null : args[0]).execute(args);
        } finally {
            safeOut.flush();
            safeErr.flush();
        }
    }

    /**
     * The whole command model, every subcommand built, as help shows it: the source of the man pages
     * and of docs/CLI.md, which are generated from it at build time.
     */
    public static CommandLine.Model.CommandSpec model() {
        PrintWriter discard = new PrintWriter(java.io.Writer.nullWriter());
        return commandLine(discard, discard, null).getCommandSpec();
    }

    /**
     * @param first the first argument: when it names a working subcommand, only that one is built,
     *     which keeps a one-shot command's start-up short; anything else builds every subcommand
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        FailureReporter reporter = new FailureReporter();
        CommandLine cmd = new CommandLine(ProvenantCommand.spec());
        boolean single = first != null && ProvenantCommand.SUBCOMMANDS.contains(first) && !first.equals("help")
                && !first.equals("generate-completion");
        for (String name : ProvenantCommand.SUBCOMMANDS) {
            if (!single || name.equals(first)) {
                cmd.addSubcommand(name, ProvenantCommand.subcommand(name));
            }
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(reporter);
        cmd.setParameterExceptionHandler(reporter);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // @FILE is Provenant's way to name a secret's file (--identity-token @FILE); picocli's argument
        // files would instead splice that file's content, the token itself, into the arguments.
        cmd.setExpandAtFiles(false);
        // Colours would reach the terminal as escape sequences, which the output streams escape.
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setUsageHelpWidth(120);
        cmd.setUsageHelpAutoWidth(true);
        if (!single) {
            cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                    help -> ProvenantCommand.commandList(help.commandSpec().usageMessage().width()));
        }
        return cmd;
    }
}
