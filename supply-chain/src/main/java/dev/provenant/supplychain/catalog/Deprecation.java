package dev.provenant.supplychain.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deprecated component and what replaces it.
 *
 * @param where where the entry is in the catalog ({@code deprecated[0]})
 * @param component the deprecated {@code GROUP:ARTIFACT} or {@code GROUP:*}
 * @param versions the deprecated versions; empty: every version
 * @param replacement what to use instead, as the catalog words it ({@code org.apache.commons:commons-lang3})
 * @param reason why, when the catalog says
 */
public record Deprecation(String where, ComponentPattern component, List<VersionSpec> versions, String replacement,
        Optional<String> reason) {
    public Deprecation {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(component, "component");
        versions = List.copyOf(versions);
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(reason, "reason");
        if (replacement.isBlank()) {
            throw new IllegalArgumentException("a deprecation names its replacement");
        }
    }

    public boolean covers(String groupId, String artifactId, String version) {
        return component.covers(groupId, artifactId) && (versions.isEmpty() || versions.stream().anyMatch(v -> v.contains(version)));
    }

    public String describe() {
        return where + " (" + component + (versions.isEmpty() ? "" : " " + versions.stream().map(VersionSpec::toString)
                .collect(Collectors.joining(" "))) + ")";
    }
}
