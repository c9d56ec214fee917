package dev.provenant.verifier.pkix;

/** A certification path does not validate; the message is one line saying which check did not hold. */
public final class PathException extends Exception {
    PathException(String message) {
        super(message, null, false, false);
    }
}
