package dev.provenant.signer;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a passphrase comes from: a file given by path, or an environment variable. Never a command
 * line argument, which other users of the machine and CI logs can read.
 *
 * @param env the environment to read variables from (the process environment, or a test's)
 * @param variable the variable to read, for example {@code PROVENANT_PASSWORD}
 * @param file a file whose content (without a trailing newline) is the secret; preferred when given
 */
public record SecretSource(Map<String, String> env, String variable, Path file) {
    public static final String PASSWORD_VARIABLE = "PROVENANT_PASSWORD";

    public static SecretSource password(Path file) {
        return new SecretSource(System.getenv(), PASSWORD_VARIABLE, file);
    }

    /** The secret, or empty when neither the file nor the variable is set. */
    public Optional<char[]> read() throws KeyReferenceException {
        if (file != null) {
            try {
                String text = BoundedFile.readString(file, InputLimit.TOKEN, StandardCharsets.UTF_8);
                return Optional.of(stripNewline(text).toCharArray());
            } catch (InputTooLargeException e) {
                throw new KeyReferenceException("passphrase file " + file + " is larger than " + InputLimit.TOKEN.describeCap());
            } catch (IOException e) {
                throw new KeyReferenceException("cannot read passphrase file " + file + ": " + e.getClass().getSimpleName());
            }
        }
        String value = env == null ? null : env.get(variable);
        return value == null ? Optional.empty() : Optional.of(value.toCharArray());
    }

    /** Describes where the secret would come from, for error messages. */
    public String where() {
        return file != null ? "passphrase file " + file : "environment variable " + variable;
    }

    private static String stripNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
