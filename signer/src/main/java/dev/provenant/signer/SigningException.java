package dev.provenant.signer;

/**
 * Signing failed in the backend: a device, a service or the JCA provider refused. Messages are one
 * line and never contain a passphrase, PIN or token.
 */
public class SigningException extends Exception {
    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
