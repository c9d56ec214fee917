package dev.provenant.signer.keyless;

/**
 * No usable identity token: the message says which sources were tried and why each gave none, and
 * never holds a token. {@link #serviceFailed()} tells a failed token service (an endpoint that
 * answered an error) from a token that is simply not there or malformed.
 */
public class IdentityTokenException extends Exception {
    private final boolean serviceFailed;

    public IdentityTokenException(String message) {
        this(message, false, null);
    }

    public IdentityTokenException(String message, boolean serviceFailed, Throwable cause) {
        super(message, cause);
        this.serviceFailed = serviceFailed;
    }

    /** Whether a token service failed (exit code 3) rather than no token being available (exit code 2). */
    public boolean serviceFailed() {
        return serviceFailed;
    }
}
