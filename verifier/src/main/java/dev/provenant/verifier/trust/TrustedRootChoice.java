package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.nio.file.Files;
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
    /** A trusted root file is a few tens of kilobytes; far larger is not one. */
    private static final long MAX_FILE = 16L << 20;

    public static TrustedRootChoice fromFile(Path file) throws IOException, FormatException {
        if (Files.size(file) > MAX_FILE) {
            throw new FormatException(file + " is too large to be a trusted root");
        }
        return new TrustedRootChoice(TrustedRoot.parse(Files.readAllBytes(file)), "trusted root " + file);
    }

    public static TrustedRootChoice publicGood(TrustedRootCache cache) {
        return cache.fresh()
                .map(c -> new TrustedRootChoice(c.root(), "public-good root refreshed " + c.refreshed() + " (cached)"))
                .orElseGet(() -> new TrustedRootChoice(TrustedRoot.publicGood(),
                        "public-good root shipped with Provenant (offline; `provenant trust refresh` updates it)"));
    }
}
