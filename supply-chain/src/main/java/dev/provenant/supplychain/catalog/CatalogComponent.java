package dev.provenant.supplychain.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * One approved component of the catalog.
 *
 * @param where where the entry is in the catalog ({@code components[3]}), for messages
 * @param component the approved {@code GROUP:ARTIFACT} or {@code GROUP:*}
 * @param versions the approved versions: exact versions or Maven ranges, any of which approves
 * @param repository the id of the repository the component must come from ({@code <repository><id>} in the POM or
 *     settings), when given
 * @param signer the signer whose bundle must have verified for the component, when given
 * @param licenses SPDX identifiers accepted for this component beyond the catalog's allowed licenses
 */
public record CatalogComponent(String where, ComponentPattern component, List<VersionSpec> versions, Optional<String> repository,
        Optional<CatalogSigner> signer, SortedSet<String> licenses) {
    public CatalogComponent {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(component, "component");
        versions = List.copyOf(versions);
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(signer, "signer");
        licenses = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(licenses));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("an approved component names at least one version or range");
        }
    }

    public boolean covers(String groupId, String artifactId) {
        return component.covers(groupId, artifactId);
    }

    public boolean approves(String version) {
        return versions.stream().anyMatch(v -> v.contains(version));
    }

    /** {@code components[3] (org.example:lib [1.0,2.0))}: the entry as a message names it. */
    public String describe() {
        return where + " (" + component + " " + versions.stream().map(VersionSpec::toString).collect(Collectors.joining(" ")) + ")";
    }
}
