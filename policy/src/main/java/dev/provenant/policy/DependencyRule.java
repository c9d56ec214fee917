package dev.provenant.policy;

import java.util.List;

/**
 * What the resolved dependencies recorded in provenance must be: pinned by a digest, on the allow
 * list (when one is given), and on no deny entry.
 */
public record DependencyRule(boolean requireDigest, List<CatalogEntry> allow, List<CatalogEntry> deny) {
    public DependencyRule {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
