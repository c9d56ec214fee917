package dev.provenant.signer.tlog;

import dev.provenant.signer.SigningException;

/** The signing config names no Rekor log a key-signed bundle can be uploaded to: a usage error, nothing was asked. */
public final class TlogConfigException extends SigningException {
    public TlogConfigException(String message) {
        super(message);
    }
}
