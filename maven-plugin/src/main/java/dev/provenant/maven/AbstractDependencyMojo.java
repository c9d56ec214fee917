package dev.provenant.maven;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyOutcome;
import dev.provenant.supplychain.DependencyRules;
import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.DependencyVerifier;
import dev.provenant.supplychain.VerdictCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What the dependency goals share: which artifacts are checked, against which rules and trusted root, and
 * where passing verdicts are recorded. Each artifact's {@code .sigstore.json} is fetched from the repository
 * the artifact came from, verified against the trusted root, and its signer checked against the rules file.
 */
abstract class AbstractDependencyMojo extends ProvenantMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /**
     * The rules file: one rule a line, {@code GROUP:ARTIFACT[:VERSION]} (with {@code *} wildcards) followed by
     * {@code identity=}/{@code identity-regexp=} and {@code issuer=}/{@code issuer-regexp=}, or {@code key=FILE} (a PEM
     * public key, for key-signed bundles), optionally {@code trusted-root=FILE}, and/or {@code unsigned-ok}; relative
     * files are taken from the project's base directory. The first rule covering a dependency decides;
     * {@code {version}} in an identity is the dependency's version.
     */
    @Parameter(property = "provenant.rules", defaultValue = "${project.basedir}/provenant-dependencies.rules", required = true)
    File rules;

    /** Also check the build plugins' own jars (not their dependencies). */
    @Parameter(property = "provenant.includePlugins", defaultValue = "false")
    boolean includePlugins;

    /** Scopes whose dependencies are checked (default: all that were resolved). */
    @Parameter(property = "provenant.scopes", defaultValue = "compile,provided,runtime,system,test")
    List<String> scopes;

    /**
     * Where passing verdicts are recorded, keyed by the artifact file's SHA-256, its coordinates, the rule and the
     * trusted root; an offline build trusts a file whose bundle it cannot look up only through a verdict recorded here.
     */
    @Parameter(property = "provenant.cacheDirectory", defaultValue = "${settings.localRepository}/.provenant/dependency-verdicts")
    File cacheDirectory;

    /** Record passing verdicts and answer from them (default on; offline builds need it). */
    @Parameter(property = "provenant.cache", defaultValue = "true")
    boolean cache;

    /**
     * A Sigstore trusted_root.json for the rules that name no {@code trusted-root=} of their own (default: the public-good
     * root shipped with Provenant, or a fresh refresh of it). Its own property: keyless signing's and verify's roots do
     * not change it.
     */
    @Parameter(property = "provenant.dependencies.trustedRoot")
    File trustedRoot;

    /** Also write every verdict as JSON to this file. */
    @Parameter(property = "provenant.report")
    File report;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    /**
     * The lock file of the build's supply chain, written by the {@code lock} goal and checked by {@code verify-dependencies}
     * when it exists. The default is one file for the whole reactor, in the top-level project's folder; set it to
     * {@code ${project.basedir}/provenant.lock} for one per module.
     */
    @Parameter(property = "provenant.lockFile", defaultValue = "${session.topLevelProject.basedir}/provenant.lock")
    File lockFile;

    /** Fail verify-dependencies when there is no lock file (by default the lock is checked only when it exists). */
    @Parameter(property = "provenant.lock.require", defaultValue = "false")
    boolean requireLock;

    /** Scopes whose dependencies the lock covers. */
    @Parameter(property = "provenant.lock.scopes", defaultValue = "compile,provided,runtime,system,test")
    List<String> lockScopes;

    /** The lock covers the POMs of everything it locks, their parent POMs and the BOMs they import. */
    @Parameter(property = "provenant.lock.poms", defaultValue = "true")
    boolean lockPoms;

    /** The lock covers the build plugins' jars. */
    @Parameter(property = "provenant.lock.plugins", defaultValue = "true")
    boolean lockPlugins;

    /** The lock covers the build plugins' own dependencies. */
    @Parameter(property = "provenant.lock.pluginDependencies", defaultValue = "true")
    boolean lockPluginDependencies;

    /** The lock covers the build extensions. */
    @Parameter(property = "provenant.lock.extensions", defaultValue = "true")
    boolean lockExtensions;

    /** The lock also covers artifacts built in this reactor (off: they change with every build that is not reproducible). */
    @Parameter(property = "provenant.lock.reactor", defaultValue = "false")
    boolean lockReactor;

    /** Refuse version ranges, {@code LATEST}/{@code RELEASE} and SNAPSHOTs among what the lock covers (for release builds). */
    @Parameter(property = "provenant.lock.refuseUnpinned", defaultValue = "false")
    boolean refuseUnpinned;

    /**
     * Also verify each dependency's POM bundle ({@code .pom.sigstore.json}, or {@code .pom.provenant-bundle.json}) where one
     * is published, under the dependency's own rule: a POM bundle that does not verify, or that another signer made,
     * fails the build as a jar's would. A POM with no bundle published is left to the lock file's digest.
     */
    @Parameter(property = "provenant.pomBundles", defaultValue = "false")
    boolean pomBundles;

    /** The lock goal's and verify-dependencies' lock section of the JSON report, once the lock was checked or written. */
    ObjectNode lockReport;

    /** verify-dependencies' catalog section of the JSON report, once the catalog was checked. */
    ObjectNode catalogReport;

    @Component
    RepositorySystem repositorySystem;

    /**
     * Checks every artifact and returns the verdicts, logged with a summary; {@code afresh} looks every bundle up
     * and verifies it again, answering nothing from recorded verdicts (but recording what passes).
     */
    List<DependencyVerdict> checkAll(boolean afresh) throws MojoExecutionException {
        long started = System.nanoTime();
        DependencyRules parsedRules;
        try {
            parsedRules = DependencyRules.read(rules.toPath(), project.getBasedir().toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the rules file " + rules + ": " + e.getMessage()
                    + " (configure <rules> or -Dprovenant.rules=FILE)");
        } catch (FormatException e) {
            throw new MojoExecutionException("rules file: " + e.getMessage());
        }
        // Every key= and trusted-root= file is read now, so a bad one stops the build naming its rule; the public-good
        // root is parsed only if some bundle is not answered from the verdict cache.
        DependencyVerifier verifier = new DependencyVerifier(RuleAnchors.load(parsedRules, trustedRoot, System.getenv()), parsedRules,
                cache ? Optional.of(new VerdictCache(cacheDirectory.toPath())) : Optional.empty());
        if (afresh) {
            verifier = verifier.afresh();
        }
        ArtifactOrigins origins = new ArtifactOrigins(repositorySystem, session.getRepositorySession());
        BundleFetcher fetcher = new BundleFetcher(repositorySystem, session.getRepositorySession());

        Map<String, Checked> toCheck = new TreeMap<>();
        for (org.apache.maven.artifact.Artifact a : project.getArtifacts()) {
            if (a.getFile() == null || !a.getFile().isFile() || (a.getScope() != null && !scopes.contains(a.getScope()))) {
                continue;
            }
            Artifact artifact = new DefaultArtifact(a.getGroupId(), a.getArtifactId(), a.getClassifier(), ProjectFiles.extension(a),
                    a.getVersion()).setFile(a.getFile());
            toCheck.put(artifact.toString(), new Checked(artifact, project.getRemoteProjectRepositories(), false));
            if (pomBundles) {
                Artifact pom = new DefaultArtifact(a.getGroupId(), a.getArtifactId(), "", "pom", a.getVersion());
                toCheck.putIfAbsent(pom.toString(), new Checked(pom, project.getRemoteProjectRepositories(), true));
            }
        }
        if (includePlugins) {
            for (Plugin p : project.getBuildPlugins()) {
                Artifact artifact = new DefaultArtifact(p.getGroupId(), p.getArtifactId(), "jar", p.getVersion());
                toCheck.put(artifact.toString(), new Checked(artifact, project.getRemotePluginRepositories(), false));
            }
        }

        List<DependencyVerdict> verdicts = new ArrayList<>();
        int reactor = 0;
        int unsignedPoms = 0;
        try {
            for (Checked c : toCheck.values()) {
                ArtifactOrigins.Origin origin = origins.of(c.artifact(), c.repositories());
                if (origin instanceof ArtifactOrigins.Reactor) {
                    reactor++;
                    continue; // built here: the project's own verify goal covers it
                }
                Path file = c.artifact().getFile() != null ? c.artifact().getFile().toPath() : resolvedFile(c);
                if (file == null) {
                    throw new MojoExecutionException("cannot resolve " + c.artifact());
                }
                Artifact a = c.artifact();
                Coordinates coordinates = new Coordinates(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getClassifier(),
                        a.getExtension());
                DependencyVerdict verdict = verifier.verify(coordinates, file,
                        rule -> fetcher.fetch(a, origin, c.repositories(), rule.key().isPresent()));
                if (c.pom() && NOT_A_POM_BUNDLE.contains(verdict.outcome())) {
                    // no POM bundle published (or no rule, which the artifact's own verdict reports): the lock's digest covers it
                    unsignedPoms++;
                    continue;
                }
                verdicts.add(verdict);
                if (verdict.outcome().passes()) {
                    getLog().info(verdict.describe());
                } else {
                    getLog().error(verdict.describe());
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read a dependency or its bundle: " + e.getMessage(), e);
        }
        Map<DependencyOutcome, Integer> counts = new EnumMap<>(DependencyOutcome.class);
        verdicts.forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
        StringBuilder summary = new StringBuilder("Dependency signatures: ");
        counts.forEach((o, n) -> summary.append(n).append(' ').append(o.label()).append(", "));
        summary.append(reactor).append(" built in this reactor (skipped); ");
        if (pomBundles) {
            summary.append(unsignedPoms).append(" POM(s) without a published bundle; ");
        }
        summary.append((System.nanoTime() - started) / 1_000_000).append(" ms");
        getLog().info(summary);
        if (report != null) {
            writeReport(verdicts);
        }
        return verdicts;
    }

    /** One line naming the first failure, and how many more there are. */
    static String failureSummary(List<DependencyVerdict> failed) {
        return failed.size() + " dependenc" + (failed.size() == 1 ? "y" : "ies") + " failed signature checks: "
                + safe(failed.get(0).describe()) + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more, listed above)" : "");
    }

    private Path resolvedFile(Checked c) {
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new org.eclipse.aether.resolution.ArtifactRequest(c.artifact(), c.repositories(), null))
                    .getArtifact().getFile().toPath();
        } catch (org.eclipse.aether.resolution.ArtifactResolutionException e) {
            return null;
        }
    }

    /** The supply chain's lock over this module, with the coverage the parameters set. */
    SupplyChainLock supplyChainLock() {
        return new SupplyChainLock(this, new SupplyChainArtifacts.Coverage(Set.copyOf(lockScopes), lockPoms, lockPlugins,
                lockPluginDependencies, lockExtensions, lockReactor));
    }

    void writeReport(List<DependencyVerdict> verdicts) throws MojoExecutionException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (DependencyVerdict v : verdicts) {
            ObjectNode o = list.addObject();
            o.put("artifact", v.coordinates().toString());
            o.put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            o.put("passes", v.outcome().passes());
            o.put("detail", v.detail());
            o.put("cached", v.cached());
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("ok", verdicts.stream().allMatch(v -> v.outcome().passes()));
        root.set("dependencies", list);
        if (lockReport != null) {
            root.put("ok", root.get("ok").booleanValue() && lockReport.get("ok").booleanValue());
            root.set("lock", lockReport);
        }
        if (catalogReport != null) {
            root.put("ok", root.get("ok").booleanValue() && catalogReport.get("ok").booleanValue());
            root.set("catalog", catalogReport);
        }
        try {
            Files.createDirectories(report.toPath().toAbsolutePath().getParent());
            AtomicFile.write(report.toPath(), JsonCodec.writePretty(root), AtomicFile.PUBLIC);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the report " + report + ": " + e.getMessage(), e);
        }
    }

    /** A POM's outcomes that mean it has no bundle of its own to check. */
    private static final Set<DependencyOutcome> NOT_A_POM_BUNDLE = Set.of(DependencyOutcome.MISSING_BUNDLE,
            DependencyOutcome.UNSIGNED_ALLOWED, DependencyOutcome.NO_RULE);

    /** @param pom whether this is a dependency's POM, checked only where a bundle of it is published */
    private record Checked(Artifact artifact, List<RemoteRepository> repositories, boolean pom) {}
}
