package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import dev.provenant.store.LogRefusedException;
import dev.provenant.store.StoreException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

/**
 * What went wrong, classified the same way in every front end: the evidence does not hold ({@link
 * Kind#TRUST}, with the id of the failed check), the user asked for something that cannot be done as
 * asked or gave unreadable input ({@link Kind#USAGE}), or a service or the program itself failed ({@link
 * Kind#SERVICE}). The CLI turns the kind into its exit code (1, 2, 3); the Maven plugin into a failed
 * build or a goal error.
 *
 * @param what a few words for the kind of failure, e.g. {@code verification failed}, {@code identity token}
 * @param check the failed check's id (e.g. {@code certificate-identity}, {@code bundle-format}) for trust failures
 * @param message one human sentence, naming the check first for trust failures
 */
public record Failure(Kind kind, String what, Optional<String> check, String message) {
    public enum Kind {
        /** The evidence does not hold. */
        TRUST,
        /** The request cannot be done as asked, or its input cannot be read. */
        USAGE,
        /** A service, or the program, failed. */
        SERVICE
    }

    /** A usage failure with the front end's own message. */
    public static Failure usage(String message) {
        return new Failure(Kind.USAGE, "usage", Optional.empty(), message);
    }

    public static Failure of(Throwable e) {
        if (e instanceof LogRefusedException) {
            // the stored decision log does not hold together: evidence, not the service, failed
            return new Failure(Kind.TRUST, "decision log", Optional.empty(), e.getMessage());
        } else if (e instanceof StoreException) {
            return new Failure(Kind.SERVICE, "evidence store", Optional.empty(), e.getMessage());
        } else if (e instanceof VerificationException ve) {
            return new Failure(Kind.TRUST, "verification failed", Optional.of(checkId(ve)), ve.check().label() + ": " + ve.getMessage());
        } else if (e instanceof FormatException) {
            return new Failure(Kind.TRUST, "verification failed", Optional.of("bundle-format"), "bundle format: " + e.getMessage());
        } else if (e instanceof KeyReferenceException) {
            return new Failure(Kind.USAGE, "key", Optional.empty(), e.getMessage());
        } else if (e instanceof IdentityTokenException ite) {
            return new Failure(ite.serviceFailed() ? Kind.SERVICE : Kind.USAGE, "identity token", Optional.empty(), e.getMessage());
        } else if (e instanceof dev.provenant.signer.tlog.TlogUploadException) {
            return new Failure(Kind.SERVICE, "transparency log", Optional.empty(), e.getMessage());
        } else if (e instanceof dev.provenant.signer.tlog.TlogConfigException) {
            return new Failure(Kind.USAGE, "transparency log", Optional.empty(), e.getMessage());
        } else if (e instanceof KeylessConfigException) {
            return new Failure(Kind.USAGE, "keyless", Optional.empty(), e.getMessage());
        } else if (e instanceof SigningException) {
            return new Failure(Kind.SERVICE, "signing failed", Optional.empty(), e.getMessage());
        } else if (e instanceof SetupException || e instanceof IllegalArgumentException) {
            return usage(e.getMessage());
        } else if (e instanceof IOException io) {
            return new Failure(Kind.USAGE, "input", Optional.empty(), describe(io));
        }
        return new Failure(Kind.SERVICE, "internal error", Optional.empty(),
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** The check's id as the JSON output names it: {@code CERTIFICATE_IDENTITY} as {@code certificate-identity}. */
    public static String checkId(VerificationException e) {
        return e.check().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** An I/O failure in a few words, naming the file: "no such file: F", "permission denied: F". */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException nsf) {
            return "no such file: " + nsf.getFile();
        }
        if (e instanceof AccessDeniedException ade) {
            return "permission denied: " + ade.getFile();
        }
        if (e instanceof FileAlreadyExistsException fae) {
            return fae.getFile() + " already exists" + (fae.getReason() == null ? "" : " (" + fae.getReason() + ")");
        }
        if (e instanceof FileSystemException fse) {
            return fse.getFile() + ": " + (fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
