package dev.provenant.maven;

import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.catalog.CatalogFinding;
import dev.provenant.supplychain.lock.LockFinding;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every resolved dependency (and, with {@code includePlugins}, every build plugin) against the
 * Sigstore bundle published beside it: the {@code .sigstore.json} is fetched from the repository the
 * artifact came from, verified offline against the trusted root, and its signer checked against the
 * rules file. Each artifact gets one verdict (verified, unsigned but allowed, missing bundle, bad
 * signature, unexpected identity, no rule, bundle unavailable); any failing verdict fails the build.
 * Passing verdicts are recorded per artifact digest and rule, so a warm build does not verify again.
 *
 * <p>Offline ({@code -o}), or when the repository cannot be asked, whether a bundle is published is unknown:
 * such an artifact is "bundle unavailable", a failure under every rule ({@code unsigned-ok} included), unless a
 * passing verdict was recorded for that very file while online. Run the {@code go-offline} goal while online
 * to record them ahead of an offline build.
 *
 * <p>When the lock file exists (see the {@code lock} goal), every artifact it covers is also checked against it: a
 * SHA-256 that differs fails the build naming the artifact, an artifact the lock does not list for this module fails
 * as a new dependency, a signer that differs from the one locked fails, and a locked entry no longer used is reported.
 *
 * <p>With a {@code catalog}, verified against its bundle first, every checked artifact must also be approved in it,
 * not deprecated, not vulnerable by the {@code osv} records and licensed as it allows; each finding names the
 * artifact, the catalog entry and the reason.
 */
@Mojo(name = "verify-dependencies", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class VerifyDependenciesMojo extends AbstractDependencyMojo {
    /** Report failing verdicts without failing the build. */
    @Parameter(property = "provenant.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /** Skip this goal. */
    @Parameter(property = "provenant.verifyDependencies.skip", defaultValue = "false")
    boolean skip;

    /**
     * A dependency catalog (JSON, docs/CATALOG.md): every checked artifact must be approved in it at its version (from the
     * entry's repository, signed by the entry's signer), not deprecated, not affected by an OSV record in {@code osv},
     * and carry only allowed licenses. Used only once its bundle {@code CATALOG.sigstore.json} verified under
     * {@code catalogKey} or the catalog identity.
     */
    @Parameter(property = "provenant.catalog")
    File catalog;

    /** The public key (PEM) the catalog's bundle must verify with. */
    @Parameter(property = "provenant.catalogKey")
    File catalogKey;

    /** Keyless: the identity the catalog's signing certificate must name exactly. */
    @Parameter(property = "provenant.catalogIdentity")
    String catalogIdentity;

    /** Keyless: a regular expression the whole identity of the catalog's signing certificate must match. */
    @Parameter(property = "provenant.catalogIdentityRegexp")
    String catalogIdentityRegexp;

    /** Keyless: the OIDC issuer the catalog's signing certificate must name. */
    @Parameter(property = "provenant.catalogIssuer")
    String catalogIssuer;

    /** Keyless: a regular expression the whole OIDC issuer of the catalog's signing certificate must match. */
    @Parameter(property = "provenant.catalogIssuerRegexp")
    String catalogIssuerRegexp;

    /** The Sigstore trusted_root.json the catalog's bundle is verified against (default: the public-good root). */
    @Parameter(property = "provenant.catalogTrustedRoot")
    File catalogTrustedRoot;

    /** Known vulnerabilities: a folder of OSV JSON records or a zip of them, as OSV publishes for the Maven ecosystem. */
    @Parameter(property = "provenant.osv")
    File osv;

    /**
     * Write a CycloneDX SBOM (JSON) of the verified components to this file: each checked artifact with its package URL,
     * SHA-256 and licenses. Written only when every check passed; attest it with predicate type
     * {@code https://cyclonedx.org/bom} ({@code provenant attest --type https://cyclonedx.org/bom --predicate FILE ARTIFACT}).
     */
    @Parameter(property = "provenant.sbom")
    File sbom;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipAll) {
            getLog().info("Skipping dependency verification");
            return;
        }
        checkParameters();
        // the catalog is verified first: a refused catalog fails the build before anything is judged by it
        Optional<SupplyChainCatalog> catalogCheck = SupplyChainCatalog.load(this, new SupplyChainCatalog.Settings(catalog, catalogKey,
                catalogIdentity, catalogIdentityRegexp, catalogIssuer, catalogIssuerRegexp, catalogTrustedRoot, osv));
        List<DependencyVerdict> verdicts = checkAll(false);
        List<LockFinding> lockFailures = supplyChainLock().check(verdicts);
        List<CatalogFinding> catalogFailures = catalogCheck.isPresent() ? catalogCheck.get().check(verdicts) : List.of();
        if (report != null && (lockReport != null || catalogReport != null)) {
            writeReport(verdicts);
        }
        List<DependencyVerdict> failed = verdicts.stream().filter(v -> !v.outcome().passes()).toList();
        if (!failed.isEmpty() || !lockFailures.isEmpty() || !catalogFailures.isEmpty()) {
            String message = Stream.of(failed.isEmpty() ? null : failureSummary(failed),
                    lockFailures.isEmpty() ? null : SupplyChainLock.failureSummary(lockFailures),
                    catalogFailures.isEmpty() ? null : SupplyChainCatalog.failureSummary(catalogFailures))
                    .filter(Objects::nonNull).collect(Collectors.joining("; "));
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message);
            if (sbom != null) {
                getLog().warn("SBOM not written: not every component was verified");
            }
            return;
        }
        if (sbom != null) {
            SupplyChainSbom.write(this, verdicts, sbom, catalogCheck.map(SupplyChainCatalog::licenseNames).orElse(Map.of()));
        }
    }
}
