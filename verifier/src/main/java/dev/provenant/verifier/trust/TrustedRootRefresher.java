package dev.provenant.verifier.trust;

/**
 * Updates the cached public-good trusted root from Sigstore's TUF repository. Implemented outside the
 * verifier (module {@code trust-tuf}, which fetches the files over the network) and found with
 * {@link java.util.ServiceLoader}, so offline verification never loads a network client; every check
 * of what is fetched is the verifier's own ({@link TrustedRootCache#refresh}).
 */
public interface TrustedRootRefresher {
    /** Updates {@code cache} and returns what it now holds. */
    TrustedRootCache.Cached refresh(TrustedRootCache cache) throws RefreshException;

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
