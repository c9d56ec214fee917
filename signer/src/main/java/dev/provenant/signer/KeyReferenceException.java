package dev.provenant.signer;

/**
 * A key reference cannot be used: no such file, a format Provenant cannot read, a wrong or missing
 * passphrase, an unknown scheme. The caller's input is at fault, not a service.
 */
public class KeyReferenceException extends SigningException {
    public KeyReferenceException(String message) {
        super(message);
    }

    public KeyReferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
