package dev.provenant.supplychain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What looking for a dependency's {@code .sigstore.json} established: the file, a definite answer that none
 * is published, or nothing at all. Only a repository's own answer, asked while online, is {@link NotPublished};
 * offline, a resolution error or a network failure is {@link Unknown}, never "not published".
 */
public sealed interface BundleLookup permits BundleLookup.Found, BundleLookup.NotPublished, BundleLookup.Unknown {
    record Found(Path bundle) implements BundleLookup {}

    /** The repository, asked while online, answered that there is no bundle (for HTTP, a 404). */
    record NotPublished() implements BundleLookup {}

    /**
     * Whether a bundle is published could not be established.
     *
     * @param reason why not, one line (offline, the repository could not be reached, it refused)
     * @param remedy what to do about it, one line (for Maven: run {@code mvn provenant:go-offline} while online)
     */
    record Unknown(String reason, String remedy) implements BundleLookup {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(remedy, "remedy");
        }
    }
}
