package dev.provenant.signer.keyless;

import dev.provenant.signer.SigningException;

/** The signing config or trusted root cannot be read or used: the caller's input, not a failed service. */
public class KeylessConfigException extends SigningException {
    public KeylessConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
