package dev.provenant.frontend;

/**
 * Settings that cannot be used as given (both a key and an identity, an unreadable trusted root, a
 * malformed pattern). The CLI reports it as a usage error (exit 2); the Maven plugin as a configuration
 * error of the goal. The message names the setting as the front end spells it.
 */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
