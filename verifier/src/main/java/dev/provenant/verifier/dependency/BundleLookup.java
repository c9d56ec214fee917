package dev.provenant.verifier.dependency;

import java.nio.file.Path;

/** What looking for a dependency's {@code .sigstore.json} found: the file, nothing, or a failure to find out. */
public sealed interface BundleLookup permits BundleLookup.Found, BundleLookup.NotPublished, BundleLookup.Failed {
    record Found(Path bundle) implements BundleLookup {}

    /** The repository answered that there is no bundle. */
    record NotPublished() implements BundleLookup {}

    /** The repository could not be asked (offline, unreachable, refused); {@code reason} is one line. */
    record Failed(String reason) implements BundleLookup {}
}
