package dev.provenant.verifier.trust.tuf;

/** TUF metadata or a target that does not hold under the TUF specification's rules; the message is one line. */
public final class TufException extends Exception {
    public TufException(String message) {
        super(message);
    }

    public TufException(String message, Throwable cause) {
        super(message, cause);
    }
}
