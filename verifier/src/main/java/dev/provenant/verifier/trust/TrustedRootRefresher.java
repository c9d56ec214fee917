package dev.provenant.verifier.trust;

import java.nio.file.Path;

/**
 * Updates the cached public-good trusted root from Sigstore's TUF repository. Implemented outside the
 * verifier (module {@code trust-tuf}, through sigstore-java) and found with {@link java.util.ServiceLoader},
 * so offline verification never loads a TUF client.
 */
public interface TrustedRootRefresher {
    /** What a refresh stored. */
    record Refreshed(Path file, TrustedRoot root) {}

    /** @param tufDirectory where the TUF client keeps its metadata between runs */
    Refreshed refresh(TrustedRootCache cache, Path tufDirectory) throws RefreshException;

    /** The repository could not be reached or trusted; the cache is unchanged. */
    final class RefreshException extends Exception {
        public RefreshException(String message) {
            super(message);
        }

        public RefreshException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
