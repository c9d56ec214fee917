package dev.provenant.signer.tlog;

import dev.provenant.signer.SigningException;

/** A Rekor log could not take the entry (unreachable, refused, or answered what is not an entry); names the log's URL. */
public final class TlogUploadException extends SigningException {
    public TlogUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
