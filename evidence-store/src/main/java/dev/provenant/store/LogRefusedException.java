package dev.provenant.store;

/**
 * An append was refused because the decision log as stored does not extend its own last signed
 * checkpoint (a leaf was edited, removed or added behind the log's back): signing a new checkpoint over
 * it would vouch for the tampering. A CLI maps it to exit 1; {@code audit verify} names the leaf.
 */
public final class LogRefusedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public LogRefusedException(String message) {
        super(message);
    }
}
