package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.verifier.VerificationException;
import dev.provenant.attest.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns any failure into one line on stderr (or a JSON object on stdout with {@code --json}) and the
 * exit code it deserves. Stack traces appear only with {@code --verbose}.
 */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult full) {
        int code;
        String kind;
        String message;
        String check = null;
        if (ex instanceof VerificationException ve) {
            code = ExitCode.NOT_TRUSTED;
            kind = "verification failed";
            check = ve.check().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            message = ve.check().label() + ": " + ve.getMessage();
        } else if (ex instanceof FormatException) {
            code = ExitCode.NOT_TRUSTED;
            kind = "verification failed";
            check = "bundle-format";
            message = ex.getMessage();
        } else if (ex instanceof dev.provenant.oci.RegistryException) {
            code = ExitCode.SERVICE;
            kind = "registry";
            message = ex.getMessage();
        } else if (ex instanceof KeyReferenceException) {
            code = ExitCode.USAGE;
            kind = "key";
            message = ex.getMessage();
        } else if (ex instanceof IdentityTokenException ite) {
            code = ite.serviceFailed() ? ExitCode.SERVICE : ExitCode.USAGE;
            kind = "identity token";
            message = ex.getMessage();
        } else if (ex instanceof KeylessConfigException) {
            code = ExitCode.USAGE;
            kind = "keyless";
            message = ex.getMessage();
        } else if (ex instanceof SigningException) {
            code = ExitCode.SERVICE;
            kind = "signing failed";
            message = ex.getMessage();
        } else if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
            kind = "usage";
            message = ex.getMessage();
        } else if (ex instanceof IOException io) {
            code = ExitCode.USAGE;
            kind = "input";
            message = describe(io);
        } else {
            code = ExitCode.SERVICE;
            kind = "internal error";
            message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
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

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException nsf) {
            return "no such file: " + nsf.getFile();
        }
        if (e instanceof AccessDeniedException ade) {
            return "permission denied: " + ade.getFile();
        }
        if (e instanceof FileAlreadyExistsException fae) {
            return fae.getFile() + " already exists" + (fae.getReason() == null ? "" : " (" + fae.getReason() + ")");
        }
        if (e instanceof java.nio.file.FileSystemException fse) {
            return fse.getFile() + ": " + (fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown failure";
        }
        return TerminalText.line(message.replace('\n', ' ').replace('\r', ' '));
    }
}
