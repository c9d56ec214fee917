package dev.provenant.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the resolved dependencies recorded in provenance must be: pinned by a digest, on the allow
 * list (when one is given), on no deny entry, and, with a catalog file, approved by that signed catalog.
 */
public record DependencyRule(boolean requireDigest, List<CatalogEntry> allow, List<CatalogEntry> deny, Optional<CatalogFile> catalogFile) {
    public DependencyRule {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        Objects.requireNonNull(catalogFile, "catalogFile");
    }

    public DependencyRule(boolean requireDigest, List<CatalogEntry> allow, List<CatalogEntry> deny) {
        this(requireDigest, allow, deny, Optional.empty());
    }
}
