package dev.provenant.attest;

/**
 * Input that does not follow its format: malformed JSON, a missing required field, bad base64,
 * an unknown media type. The message is one line and names what is wrong, never the secret or the
 * whole input.
 */
public class FormatException extends Exception {
    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
