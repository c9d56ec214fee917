package dev.provenant.supplychain.catalog;

import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.lock.LockedSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges components against a catalog and known vulnerabilities. A component passes only when an entry approves its
 * version (and, where the entry says, its repository and signer), no deprecation covers it, no OSV record affects it,
 * and its POM declares at least one license, every one of which maps to an SPDX identifier the catalog (or the
 * approving entry) allows. Every failing check gives one finding, so a component may have several.
 */
public final class CatalogCheck {
    private final DependencyCatalog catalog;
    private final OsvDatabase osv;

    public CatalogCheck(DependencyCatalog catalog, OsvDatabase osv) {
        this.catalog = catalog;
        this.osv = osv;
    }

    public List<CatalogFinding> check(ComponentFacts facts) {
        Coordinates c = facts.coordinates();
        List<CatalogFinding> findings = new ArrayList<>();
        List<CatalogComponent> covering = catalog.components().stream().filter(e -> e.covers(c.groupId(), c.artifactId())).toList();
        List<CatalogComponent> approving = covering.stream().filter(e -> e.approves(c.version())).toList();
        CatalogComponent entry = null;
        if (covering.isEmpty()) {
            findings.add(new CatalogFinding(c, CatalogFinding.Kind.UNAPPROVED, "no entry",
                    c.groupId() + ":" + c.artifactId() + " is not in the catalog (have it reviewed and added, or remove the dependency)"));
        } else if (approving.isEmpty()) {
            findings.add(new CatalogFinding(c, CatalogFinding.Kind.UNAPPROVED, covering.get(0).describe(),
                    "version " + c.version() + " is not approved (use an approved version, or have this one added)"));
        } else {
            // the first entry whose origin and signer hold decides; failing that, the first approving entry is reported
            List<CatalogFinding> first = null;
            for (CatalogComponent e : approving) {
                List<CatalogFinding> own = originAndSigner(e, facts);
                if (own.isEmpty()) {
                    entry = e;
                    first = null;
                    break;
                }
                if (first == null) {
                    first = own;
                    entry = e;
                }
            }
            if (first != null) {
                findings.addAll(first);
            }
        }
        deprecatedOrVulnerable(c, findings);
        findings.addAll(licenses(facts, entry));
        return findings;
    }

    /**
     * What can be judged from coordinates alone, as a promotion policy has them from provenance's resolved
     * dependencies: an entry approving the version (its repository, signer and licenses are not checked: the build's
     * {@link #check(ComponentFacts)} does that with the POMs and bundles at hand), no deprecation, no OSV record.
     */
    public List<CatalogFinding> checkCoordinates(Coordinates c) {
        List<CatalogFinding> findings = new ArrayList<>();
        List<CatalogComponent> covering = catalog.components().stream().filter(e -> e.covers(c.groupId(), c.artifactId())).toList();
        if (covering.isEmpty()) {
            findings.add(new CatalogFinding(c, CatalogFinding.Kind.UNAPPROVED, "no entry",
                    c.groupId() + ":" + c.artifactId() + " is not in the catalog (have it reviewed and added, or remove the dependency)"));
        } else if (covering.stream().noneMatch(e -> e.approves(c.version()))) {
            findings.add(new CatalogFinding(c, CatalogFinding.Kind.UNAPPROVED, covering.get(0).describe(),
                    "version " + c.version() + " is not approved (use an approved version, or have this one added)"));
        }
        deprecatedOrVulnerable(c, findings);
        return findings;
    }

    private void deprecatedOrVulnerable(Coordinates c, List<CatalogFinding> findings) {
        for (Deprecation d : catalog.deprecations()) {
            if (d.covers(c.groupId(), c.artifactId(), c.version())) {
                findings.add(new CatalogFinding(c, CatalogFinding.Kind.DEPRECATED, d.describe(),
                        "deprecated" + d.reason().map(r -> " (" + r + ")").orElse("") + ": replace it with " + d.replacement()));
            }
        }
        for (OsvVulnerability v : osv.vulnerabilities(c.groupId(), c.artifactId(), c.version())) {
            findings.add(new CatalogFinding(c, CatalogFinding.Kind.VULNERABLE, "OSV " + v.id() + " in " + v.source(),
                    "known vulnerability " + v.describe()));
        }
    }

    private static List<CatalogFinding> originAndSigner(CatalogComponent e, ComponentFacts facts) {
        List<CatalogFinding> f = new ArrayList<>();
        Coordinates c = facts.coordinates();
        if (e.repository().isPresent() && !e.repository().equals(facts.repository())) {
            f.add(new CatalogFinding(c, CatalogFinding.Kind.WRONG_ORIGIN, e.describe(), "resolved from "
                    + facts.repository().map(r -> "repository '" + r + "'").orElse("no remote repository (only the local one)")
                    + ", the catalog approves it from repository '" + e.repository().get() + "'"));
        }
        if (e.signer().isPresent()) {
            CatalogSigner want = e.signer().get();
            Optional<LockedSigner> got = facts.signer();
            boolean matches = got.isPresent() && got.get().identity().equals(want.identity())
                    && (want.issuer().isEmpty() || want.issuer().equals(got.get().issuer()));
            if (!matches) {
                f.add(new CatalogFinding(c, CatalogFinding.Kind.WRONG_SIGNER, e.describe(), got.map(s -> "signed by " + s.describe())
                        .orElse("not verified as signed") + ", the catalog requires a bundle signed by " + want.describe()));
            }
        }
        return f;
    }

    private List<CatalogFinding> licenses(ComponentFacts facts, CatalogComponent entry) {
        Coordinates c = facts.coordinates();
        List<CatalogFinding> f = new ArrayList<>();
        String where = "licenses " + catalog.licenses() + (entry == null || entry.licenses().isEmpty() ? ""
                : " and " + entry.describe() + " " + entry.licenses());
        if (facts.licensesUnknown().isPresent()) {
            f.add(new CatalogFinding(c, CatalogFinding.Kind.LICENSE, where, "its licenses are unknown: " + facts.licensesUnknown().get()));
            return f;
        }
        if (facts.licenses().isEmpty()) {
            f.add(new CatalogFinding(c, CatalogFinding.Kind.LICENSE, where,
                    "its POM (and parents) declare no license; map it by an entry's licenses only after checking its terms"));
            return f;
        }
        Set<String> allowed = new TreeSet<>(catalog.licenses());
        if (entry != null) {
            allowed.addAll(entry.licenses());
        }
        for (DeclaredLicense l : facts.licenses()) {
            Optional<String> id = SpdxLicenses.idOf(l, catalog.licenseNames());
            if (id.isEmpty()) {
                f.add(new CatalogFinding(c, CatalogFinding.Kind.LICENSE, where, "license '" + l.describe()
                        + "' has no known SPDX identifier (map its name or URL in the catalog's licenseNames)"));
            } else if (!allowed.contains(id.get())) {
                f.add(new CatalogFinding(c, CatalogFinding.Kind.LICENSE, where, "license " + id.get() + " ('" + l.describe()
                        + "') is not allowed"));
            }
        }
        return f;
    }
}
