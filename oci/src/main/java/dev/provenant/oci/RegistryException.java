package dev.provenant.oci;

/**
 * A registry, its token service or a credential helper failed or could not be reached: a service
 * failure (exit 3), never a verdict on the evidence. The message names the registry and never holds a
 * credential.
 */
public final class RegistryException extends Exception {
    private final String registry;
    private final int status;

    public RegistryException(String registry, String message) {
        this(registry, -1, message, null);
    }

    public RegistryException(String registry, int status, String message, Throwable cause) {
        super("registry " + registry + ": " + message, cause);
        this.registry = registry;
        this.status = status;
    }

    /** The registry's host (and port), as the image reference names it. */
    public String registry() {
        return registry;
    }

    /** The HTTP status the registry answered, or -1 when it gave none. */
    public int status() {
        return status;
    }
}
