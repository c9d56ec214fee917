package dev.provenant.verifier.trust;

/**
 * Updates a cached trusted root through TUF: the public-good one from Sigstore's TUF repository, or
 * that of another repository ({@link TrustedRootCache#repository()}). Implemented outside the
 * verifier (module {@code trust-tuf}, which fetches the files over the network) and found with
 * {@link java.util.ServiceLoader}, so offline verification never loads a network client; every check
 * of what is fetched is the verifier's own ({@link TrustedRootCache#refresh}).
 */
public interface TrustedRootRefresher {
    /**
     * Updates {@code cache} from its repository ({@link TrustedRootCache#repository()}, else the
     * public-good one) and returns what it now holds.
     */
    TrustedRootCache.Cached refresh(TrustedRootCache cache) throws RefreshException;

    /** The repository could not be reached or trusted; the cache is unchanged. */
    final class RefreshException extends Exception {
        private final boolean refused;

        public RefreshException(String message) {
            this(message, null, false);
        }

        public RefreshException(String message, Throwable cause) {
            this(message, cause, false);
        }

        /**
         * @param refused the repository answered, but what it serves does not hold under the TUF checks
         *     (evidence that does not establish trust, as opposed to a service that failed)
         */
        public RefreshException(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        /** Whether the repository's metadata or target failed a TUF check, rather than the fetch failing. */
        public boolean refused() {
            return refused;
        }
    }
}
