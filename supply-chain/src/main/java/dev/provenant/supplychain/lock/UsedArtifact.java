package dev.provenant.supplychain.lock;

import dev.provenant.supplychain.Coordinates;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An artifact one module's build uses now, as the build resolved it: what the lock is written from and checked against.
 *
 * @param coordinates the artifact
 * @param sha256 its file's SHA-256 (lowercase hex)
 * @param roles what the build uses it as (see {@link LockEntry#roles()})
 * @param signer who signed it, when its bundle verified in this build
 */
public record UsedArtifact(Coordinates coordinates, String sha256, SortedSet<String> roles, Optional<LockedSigner> signer) {
    public UsedArtifact {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(signer, "signer");
        roles = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    }

    public String artifact() {
        return coordinates.toString();
    }
}
