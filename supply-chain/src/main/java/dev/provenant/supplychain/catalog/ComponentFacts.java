package dev.provenant.supplychain.catalog;

import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.lock.LockedSigner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the build established about one component, for the catalog to judge.
 *
 * @param coordinates the component
 * @param repository the id of the remote repository it was resolved from; empty when it is only in the local repository
 * @param signer the signer its Sigstore bundle verified with; empty when it was not verified as signed
 * @param licenses the licenses its POM (or the nearest parent POM declaring any) declares
 * @param licensesUnknown why its licenses could not be read (a POM not at hand, malformed), when they could not
 */
public record ComponentFacts(Coordinates coordinates, Optional<String> repository, Optional<LockedSigner> signer,
        List<DeclaredLicense> licenses, Optional<String> licensesUnknown) {
    public ComponentFacts {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(signer, "signer");
        licenses = List.copyOf(licenses);
        Objects.requireNonNull(licensesUnknown, "licensesUnknown");
    }
}
