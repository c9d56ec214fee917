package dev.provenant.policy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's dependency catalog ({@code dependencies.catalog-file}): the signed catalog the Maven plugin's
 * verify-dependencies reads too, who must have signed it, and the OSV records to check versions against.
 *
 * @param path the catalog file (its bundle {@code FILE.sigstore.json} beside it), resolved against the policy's folder
 * @param signer who must have signed the catalog
 * @param osv a folder or zip of OSV records, when given
 */
public record CatalogFile(Path path, TrustedSigner signer, Optional<Path> osv) {
    public CatalogFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(osv, "osv");
    }
}
