package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.text.TerminalText;
import dev.provenant.frontend.Failure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.provenant.oci.RegistryException;
import dev.provenant.sandbox.SandboxUnavailableException;
import picocli.CommandLine;

/**
 * Turns any failure into one line on stderr (or a JSON object on stdout with {@code --json}) and the
 * exit code it deserves. Stack traces appear only with {@code --verbose}.
 */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult full) {
        Failure failure = ex instanceof UsageException ? Failure.usage(ex.getMessage())
                : ex instanceof SandboxUnavailableException
                        ? new Failure(Failure.Kind.SERVICE, "sandbox", Optional.empty(), ex.getMessage())
                : ex instanceof RegistryException
                        ? new Failure(Failure.Kind.SERVICE, "registry", Optional.empty(), ex.getMessage())
                : Failure.of(ex);
        int code = switch (failure.kind()) {
            case TRUST -> ExitCode.NOT_TRUSTED;
            case USAGE -> ExitCode.USAGE;
            case SERVICE -> ExitCode.SERVICE;
        };
        String kind = failure.what();
        String check = failure.check().orElse(null);
        String message = failure.message();
        report(cmd, kind, check, message, code);
        if (isVerbose(full)) {
            ex.printStackTrace(cmd.getErr());
        }
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && cmd.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")
                && args.length > 0 && args[0].equals(unmatched.getUnmatched().get(0))) {
            String typed = args[0];
            List<String> close = closestCommands(typed);
            err.println("provenant: '" + TerminalText.line(typed) + "' is not a provenant command."
                    + (close.isEmpty() ? "" : " Did you mean: " + String.join(" or ", close.stream().map(c -> "provenant " + c).toList()) + "?"));
            err.println("Try 'provenant --help' for the list of commands.");
            return ExitCode.USAGE;
        }
        err.println("provenant: " + TerminalText.line(ex.getMessage()));
        // an option refused with its reason and what to use instead already says all there is to say
        if (ex.getCause() instanceof UsageException) {
            return ExitCode.USAGE;
        }
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        }
        return ExitCode.USAGE;
    }

    /** The commands a mistyped name was most likely meant to be: two edits away at most, or names it begins. */
    static List<String> closestCommands(String typed) {
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        List<String> found = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String name : ProvenantCommand.SUBCOMMANDS) {
            int d = editDistance(t, name);
            if (d <= Math.min(2, Math.max(1, name.length() / 3)) || (t.length() >= 3 && name.startsWith(t))) {
                int rank = name.startsWith(t) ? 0 : d;
                if (rank < best) {
                    found.clear();
                    best = rank;
                }
                if (rank == best) {
                    found.add(name);
                }
            }
        }
        return found.size() > 3 ? found.subList(0, 3) : found;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static void report(CommandLine cmd, String kind, String check, String message, int code) {
        String line = oneLine(message);
        if (cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--json")) {
            ObjectNode out = JsonCodec.mapper().createObjectNode();
            out.put("ok", false);
            out.put("exitCode", code);
            out.put("error", kind);
            if (check != null) {
                out.put("check", check);
            }
            out.put("message", line);
            cmd.getOut().println(JsonCodec.writeString(out));
            cmd.getOut().flush();
        }
        cmd.getErr().println("provenant: " + kind + ": " + line);
        cmd.getErr().flush();
    }

    private static boolean isVerbose(CommandLine.ParseResult full) {
        for (CommandLine.ParseResult r = full; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown failure";
        }
        return TerminalText.line(message.replace('\n', ' ').replace('\r', ' '));
    }
}
