package dev.provenant.cli;

import dev.provenant.verifier.trust.TrustedRootRefresher;
import java.io.IOException;
import java.util.Optional;

/** Finds the TUF refresher, which only {@code trust refresh} loads (see {@link LibLoader}). */
final class RefresherLoader {
    private RefresherLoader() {}

    static Optional<TrustedRootRefresher> load() throws IOException {
        return LibLoader.load(TrustedRootRefresher.class);
    }
}
