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
        err.println("provenant: " + TerminalText.line(ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        }
        return ExitCode.USAGE;
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
