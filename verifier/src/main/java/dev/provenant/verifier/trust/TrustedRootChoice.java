package dev.provenant.verifier.trust;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Which trusted root a verification uses, and how to say so: the file the caller named, else a cached
 * refresh of the public-good root that its TUF metadata vouches for, else the copy shipped with Provenant. Verification never
 * goes to the network.
 *
 * @param root the root
 * @param source a human description, for example "shipped public-good root (offline)"
 */
public record TrustedRootChoice(TrustedRoot root, String source) {
    public static TrustedRootChoice fromFile(Path file) throws IOException, FormatException {
        return new TrustedRootChoice(TrustedRoot.parse(BoundedFile.read(file, InputLimit.TRUSTED_ROOT)), "trusted root " + file);
    }

    /**
     * The cached refresh if its TUF metadata chain holds now (see {@link TrustedRootCache#fresh()}; a
     * cache that does not hold is reported in one warning line), else the shipped public-good root.
     */
    public static TrustedRootChoice publicGood(TrustedRootCache cache) {
        return cache.fresh()
                .map(c -> new TrustedRootChoice(c.root(), cachedSource(c)))
                .orElseGet(() -> new TrustedRootChoice(TrustedRoot.publicGood(), SHIPPED_SOURCE));
    }

    static final String SHIPPED_SOURCE =
            "public-good root shipped with Provenant (offline; `provenant trust refresh` updates it)";

    static String cachedSource(TrustedRootCache.Cached cached) {
        return "public-good root from the TUF-verified cache (TUF root v" + cached.tuf().rootVersion() + ", valid until "
                + cached.expires() + ")";
    }
}
