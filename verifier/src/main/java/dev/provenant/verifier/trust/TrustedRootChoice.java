package dev.provenant.verifier.trust;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Which trusted root a verification uses, and how to say so: the file the caller named, else a fresh
 * cached refresh of the public-good root, else the copy shipped with Provenant. Verification never
 * goes to the network.
 *
 * @param root the root
 * @param source a human description, for example "shipped public-good root (offline)"
 */
public record TrustedRootChoice(TrustedRoot root, String source) {
    public static TrustedRootChoice fromFile(Path file) throws IOException, FormatException {
        return new TrustedRootChoice(TrustedRoot.parse(BoundedFile.read(file, InputLimit.TRUSTED_ROOT)), "trusted root " + file);
    }

    public static TrustedRootChoice publicGood(TrustedRootCache cache) {
        return cache.fresh()
                .map(c -> new TrustedRootChoice(c.root(), "public-good root refreshed " + c.refreshed() + " (cached)"))
                .orElseGet(() -> new TrustedRootChoice(TrustedRoot.publicGood(),
                        "public-good root shipped with Provenant (offline; `provenant trust refresh` updates it)"));
    }
}
