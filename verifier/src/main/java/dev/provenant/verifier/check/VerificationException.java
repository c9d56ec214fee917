package dev.provenant.verifier.check;

/**
 * The evidence does not establish trust. {@link #check()} says which check failed; the message is one
 * line saying what did not hold.
 */
public class VerificationException extends Exception {
    private final Check check;

    public VerificationException(Check check, String message) {
        super(message);
        this.check = check;
    }

    public VerificationException(Check check, String message, Throwable cause) {
        super(message, cause);
        this.check = check;
    }

    public Check check() {
        return check;
    }

    /** {@code check: message}, the form printed by the CLI. */
    @Override
    public String toString() {
        return check.label() + ": " + getMessage();
    }
}
