package dev.provenant.sandbox;

import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Secrets a sandboxed step gets by name: from the caller's environment or from a file, never from argv.
 * A secret's value reaches the step as an environment variable; the link records only its name.
 */
public final class SandboxSecrets {
    private SandboxSecrets() {}

    /** The caller's variable {@code name}, passed under the same name. */
    public static String fromEnvironment(String name, Map<String, String> callerEnv) {
        requireName(name);
        String value = callerEnv.get(name);
        if (value == null) {
            throw new IllegalArgumentException("secret " + name + " is not set in the environment; set it, or drop --secret " + name);
        }
        return value;
    }

    /** A file's content (at most {@link InputLimit#TOKEN}), without a trailing newline. */
    public static String fromFile(String name, Path file) throws IOException {
        requireName(name);
        String value = BoundedFile.readString(file, InputLimit.TOKEN, StandardCharsets.UTF_8);
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    private static void requireName(String name) {
        if (!SandboxProfile.VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name '" + name + "' is not an environment variable name");
        }
    }
}
