package dev.provenant.maven;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.frontend.Failure;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.TrustInputs;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.catalog.CatalogCheck;
import dev.provenant.supplychain.catalog.CatalogFinding;
import dev.provenant.supplychain.catalog.ComponentFacts;
import dev.provenant.supplychain.catalog.DeclaredLicense;
import dev.provenant.supplychain.catalog.OsvDatabase;
import dev.provenant.supplychain.catalog.PomLicenses;
import dev.provenant.supplychain.catalog.SignedCatalog;
import dev.provenant.supplychain.lock.LockedSigner;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.check.VerificationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * verify-dependencies' catalog wiring: the signed catalog verified and read, the OSV records read, and for each
 * checked artifact the facts the catalog judges (the repository it came from, the signer its bundle verified with, the
 * licenses of its POM and parents) gathered through Maven's resolver. The format and the judgement are the
 * supply-chain module's ({@code dev.provenant.supplychain.catalog}).
 */
final class SupplyChainCatalog {
    /** What configures the catalog check; all null but {@code catalog} means the trust settings are missing. */
    record Settings(File catalog, File key, String identity, String identityRegexp, String issuer, String issuerRegexp,
            File trustedRoot, File osv) {}

    private final AbstractDependencyMojo mojo;
    private final Settings settings;
    private final SignedCatalog signed;

    private SupplyChainCatalog(AbstractDependencyMojo mojo, Settings settings, SignedCatalog signed) {
        this.mojo = mojo;
        this.settings = settings;
        this.signed = signed;
    }

    /**
     * The verified catalog, or empty when none is configured.
     *
     * @throws MojoFailureException when its bundle does not verify: a tampered, re-signed or unsigned catalog
     * @throws MojoExecutionException when the trust settings are missing or conflict, or a file cannot be read
     */
    static Optional<SupplyChainCatalog> load(AbstractDependencyMojo mojo, Settings s) throws MojoExecutionException, MojoFailureException {
        if (s.catalog() == null) {
            if (s.osv() != null || s.key() != null) {
                throw new MojoExecutionException("<osv> and <catalogKey> need a <catalog> (-Dprovenant.catalog=FILE)");
            }
            return Optional.empty();
        }
        TrustInputs trust = new TrustInputs(s.key() == null ? null : s.key().toPath(), s.identity(), s.identityRegexp(), s.issuer(),
                s.issuerRegexp(), Map.of());
        if (!trust.given()) {
            throw new MojoExecutionException("the catalog " + s.catalog() + " is verified before use: give <catalogKey> (its signer's"
                    + " public key) or <catalogIdentity>/<catalogIdentityRegexp> with <catalogIssuer>/<catalogIssuerRegexp>");
        }
        if (trust.key() != null && trust.keyless()) {
            throw new MojoExecutionException("give <catalogKey> or a catalog identity (<catalogIdentity>, <catalogIssuer>), not both");
        }
        SignerTrust signer = TrustSettings.signer(trust);
        RootSelection root = TrustSettings.root(s.trustedRoot());
        BundleVerifier verifier = new BundleVerifier(new ArtifactDigester(), root, Clock.systemUTC());
        try {
            SignedCatalog signed = SignedCatalog.read(s.catalog().toPath(), verifier, new VerificationPolicy(signer, false, Optional.empty()));
            mojo.getLog().info("Catalog " + s.catalog().getName() + " verified (sha256:" + signed.sha256() + "): "
                    + signed.catalog().components().size() + " approved component(s), " + signed.catalog().deprecations().size()
                    + " deprecation(s), licenses " + signed.catalog().licenses());
            return Optional.of(new SupplyChainCatalog(mojo, s, signed));
        } catch (VerificationException e) {
            throw new MojoFailureException(ProvenantMojo.safe("catalog refused: " + e.check().label() + ": " + e.getMessage()));
        } catch (FormatException e) {
            throw new MojoExecutionException(ProvenantMojo.safe("catalog: " + e.getMessage()));
        } catch (IOException e) {
            throw new MojoExecutionException(ProvenantMojo.safe("cannot read the catalog " + s.catalog() + " or its bundle: "
                    + Failure.describe(e)), e);
        }
    }

    /** Judges every checked artifact, logs each finding, sets the report's catalog section and returns the findings. */
    List<CatalogFinding> check(List<DependencyVerdict> verdicts) throws MojoExecutionException {
        Set<String> packages = new TreeSet<>();
        verdicts.forEach(v -> packages.add(v.coordinates().groupId() + ":" + v.coordinates().artifactId()));
        OsvDatabase osv = OsvDatabase.empty();
        if (settings.osv() != null) {
            try {
                osv = OsvDatabase.read(settings.osv().toPath(), packages);
            } catch (FormatException e) {
                throw new MojoExecutionException(ProvenantMojo.safe("OSV records: " + e.getMessage()));
            } catch (IOException e) {
                throw new MojoExecutionException(ProvenantMojo.safe("cannot read the OSV records " + settings.osv() + ": "
                        + Failure.describe(e)), e);
            }
        }
        CatalogCheck check = new CatalogCheck(signed.catalog(), osv);
        ArtifactOrigins origins = new ArtifactOrigins(mojo.repositorySystem, mojo.session.getRepositorySession());
        Set<String> plugins = new TreeSet<>();
        for (Plugin p : mojo.project.getBuildPlugins()) {
            plugins.add(p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion());
        }
        List<CatalogFinding> all = new ArrayList<>();
        ArrayNode components = JsonNodeFactory.instance.arrayNode();
        for (DependencyVerdict v : verdicts) {
            Coordinates c = v.coordinates();
            List<RemoteRepository> repos = plugins.contains(c.groupId() + ":" + c.artifactId() + ":" + c.version())
                    ? mojo.project.getRemotePluginRepositories() : mojo.project.getRemoteProjectRepositories();
            Artifact artifact = new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
            ArtifactOrigins.Origin origin = origins.of(artifact, repos);
            Optional<String> repository = origin instanceof ArtifactOrigins.Remote r ? Optional.of(r.repository().getId()) : Optional.empty();
            List<DeclaredLicense> licenses = List.of();
            Optional<String> unknown = Optional.empty();
            try {
                Optional<Path> pom = pom(c.groupId() + ":" + c.artifactId() + ":" + c.version(), repos);
                if (pom.isEmpty()) {
                    unknown = Optional.of("its POM cannot be resolved");
                } else {
                    licenses = PomLicenses.effective(pom.get(), gav -> pom(gav, repos));
                }
            } catch (FormatException e) {
                unknown = Optional.of(e.getMessage());
            } catch (IOException e) {
                unknown = Optional.of(Failure.describe(e));
            }
            List<CatalogFinding> findings = check.check(new ComponentFacts(c, repository, LockedSigner.of(v), licenses, unknown));
            all.addAll(findings);
            findings.forEach(f -> mojo.getLog().error(ProvenantMojo.safe(f.describe())));
            ObjectNode o = components.addObject();
            o.put("artifact", c.toString());
            o.put("passes", findings.isEmpty());
            repository.ifPresent(r -> o.put("repository", r));
            ArrayNode ls = o.putArray("licenses");
            licenses.forEach(l -> ls.add(l.describe()));
            ArrayNode fs = o.putArray("findings");
            for (CatalogFinding f : findings) {
                ObjectNode fo = fs.addObject();
                fo.put("kind", f.kind().label());
                fo.put("entry", f.entry());
                fo.put("reason", f.reason());
            }
        }
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("ok", all.isEmpty());
        report.put("file", settings.catalog().toString());
        report.put("sha256", signed.sha256());
        if (settings.osv() != null) {
            ObjectNode o = report.putObject("osv");
            o.put("source", settings.osv().toString());
            o.put("records", osv.records());
        }
        report.set("components", components);
        mojo.catalogReport = report;
        long failing = all.stream().map(CatalogFinding::coordinates).distinct().count();
        mojo.getLog().info("Catalog: " + (verdicts.size() - failing) + " component(s) pass, " + failing + " fail");
        return all;
    }

    /** The POM of {@code GROUP:ARTIFACT:VERSION}, from the local repository or the build's repositories. */
    private Optional<Path> pom(String gav, List<RemoteRepository> repos) {
        String[] p = gav.split(":", -1);
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            Artifact pom = mojo.repositorySystem.resolveArtifact(mojo.session.getRepositorySession(),
                    new ArtifactRequest(new DefaultArtifact(p[0], p[1], "", "pom", p[2]), repos, null)).getArtifact();
            return pom.getFile() == null ? Optional.empty() : Optional.of(pom.getFile().toPath());
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The catalog's own license names (name or URL to SPDX id), for the SBOM. */
    Map<String, String> licenseNames() {
        return signed.catalog().licenseNames();
    }

    /** One line naming the first finding, and how many more there are. */
    static String failureSummary(List<CatalogFinding> findings) {
        return findings.size() + " catalog finding" + (findings.size() == 1 ? "" : "s") + ": " + ProvenantMojo.safe(findings.get(0).describe())
                + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more, listed above)" : "");
    }
}
