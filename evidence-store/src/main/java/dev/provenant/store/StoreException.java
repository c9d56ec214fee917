package dev.provenant.store;

/**
 * The store could not do what was asked: it is unreachable, refused the credentials, or failed mid-way.
 * The message names the store. A CLI maps it to exit 3 (a service failed).
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
