package dev.provenant.maven;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.lock.LockCheck;
import dev.provenant.supplychain.lock.LockFile;
import dev.provenant.supplychain.lock.LockFinding;
import dev.provenant.supplychain.lock.LockedSigner;
import dev.provenant.supplychain.lock.UsedArtifact;
import dev.provenant.supplychain.lock.VersionPins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.artifact.Artifact;

/**
 * The lock goal's and verify-dependencies' shared wiring: what this module uses now (found by
 * {@link SupplyChainArtifacts}, hashed, with the signers the signature checks verified), the lock file read and
 * written, and the lock's part of the JSON report. The format and the comparison are the supply-chain module's.
 */
final class SupplyChainLock {
    private final AbstractDependencyMojo mojo;
    private final SupplyChainArtifacts.Coverage coverage;
    private final List<String> unresolved = new ArrayList<>();

    SupplyChainLock(AbstractDependencyMojo mojo, SupplyChainArtifacts.Coverage coverage) {
        this.mojo = mojo;
        this.coverage = coverage;
    }

    /** The module's name in the lock: {@code GROUP:ARTIFACT}. */
    String module() {
        return module(mojo.project);
    }

    static String module(MavenProject p) {
        return p.getGroupId() + ":" + p.getArtifactId();
    }

    /** Every module of the reactor, those left out by {@code -pl} included. */
    Set<String> reactorModules() {
        Set<String> modules = new TreeSet<>();
        List<MavenProject> all = mojo.session.getAllProjects() != null ? mojo.session.getAllProjects() : mojo.session.getProjects();
        all.forEach(p -> modules.add(module(p)));
        modules.add(module());
        return modules;
    }

    Path file() {
        return mojo.lockFile.toPath();
    }

    /** One monitor per lock file for the whole build, so modules built in parallel update a shared lock in turn. */
    Object monitor() {
        org.eclipse.aether.SessionData data = mojo.session.getRepositorySession().getData();
        String key = SupplyChainLock.class.getName() + ":" + file().toAbsolutePath().normalize();
        data.set(key, null, new Object()); // sets it only if no module has yet
        return data.get(key);
    }

    /** The lock file, or empty when there is none. */
    Optional<LockFile> read() throws MojoExecutionException {
        if (!Files.exists(file())) {
            return Optional.empty();
        }
        try {
            return Optional.of(LockFile.read(file()));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the lock file " + file() + ": " + e.getMessage());
        } catch (FormatException e) {
            throw new MojoExecutionException(ProvenantMojo.safe(e.getMessage()) + " (fix it, or delete it and run `mvn provenant:lock`)");
        }
    }

    /** What this module's build uses now, each with its SHA-256 and the signer its verdict verified. */
    List<UsedArtifact> used(List<DependencyVerdict> verdicts) throws MojoExecutionException {
        Map<String, LockedSigner> signers = new TreeMap<>();
        for (DependencyVerdict v : verdicts) {
            LockedSigner.of(v).ifPresent(s -> signers.put(v.coordinates().toString(), s));
        }
        SupplyChainArtifacts artifacts = new SupplyChainArtifacts(mojo.repositorySystem, mojo.session.getRepositorySession(),
                mojo.project, coverage);
        List<SupplyChainArtifacts.Found> found = artifacts.collect();
        unresolved.addAll(artifacts.unresolved());
        for (String u : unresolved) {
            mojo.getLog().warn("Lock: not covered: " + u);
        }
        ArtifactDigester digester = new ArtifactDigester();
        List<UsedArtifact> used = new ArrayList<>();
        try {
            for (SupplyChainArtifacts.Found f : found) {
                Artifact a = f.artifact();
                Coordinates c = new Coordinates(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getClassifier(), a.getExtension());
                used.add(new UsedArtifact(c, digester.digest(f.file(), DigestAlgorithm.SHA256).hex(), new TreeSet<>(f.roles()),
                        Optional.ofNullable(signers.get(c.toString()))));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot hash an artifact for the lock: " + e.getMessage(), e);
        }
        return used;
    }

    /** With {@code refuseUnpinned}: the declared version ranges, LATEST/RELEASE, and every SNAPSHOT the lock covers. */
    List<LockFinding> unpinned(List<UsedArtifact> used) {
        List<LockFinding> findings = new ArrayList<>();
        if (!mojo.refuseUnpinned) {
            return findings;
        }
        for (Dependency d : mojo.project.getDependencies()) {
            VersionPins.problem(d.getVersion()).ifPresent(p -> findings.add(new LockFinding(LockFinding.Kind.UNPINNED,
                    d.getManagementKey(), p + " declared in " + module())));
        }
        for (Plugin p : mojo.project.getBuildPlugins()) {
            VersionPins.problem(p.getVersion()).ifPresent(r -> findings.add(new LockFinding(LockFinding.Kind.UNPINNED, p.getKey(),
                    r + " (build plugin)")));
        }
        for (UsedArtifact u : used) {
            VersionPins.problem(u.coordinates().version()).filter(r -> r.startsWith("SNAPSHOT"))
                    .ifPresent(r -> findings.add(new LockFinding(LockFinding.Kind.UNPINNED, u.artifact(), r)));
        }
        return findings;
    }

    /**
     * verify-dependencies' check: what this module uses now against the lock, each finding logged (stale ones as warnings),
     * the lock's report section set; returns the failing findings. No lock file passes, unless one is required.
     */
    List<LockFinding> check(List<DependencyVerdict> verdicts) throws MojoExecutionException {
        Optional<LockFile> lock = read();
        if (lock.isEmpty()) {
            if (mojo.requireLock) {
                LockFinding missing = new LockFinding(LockFinding.Kind.NEW, module(), "there is no lock file " + file()
                        + " (provenant.lock.require is set): run `mvn provenant:lock` and commit it");
                mojo.lockReport = report("missing", 0, List.of(missing));
                mojo.getLog().error(missing.describe());
                return List.of(missing);
            }
            mojo.getLog().info("No lock file " + file() + ": the supply chain is not pinned (run `mvn provenant:lock` to pin it)");
            return List.of();
        }
        long started = System.nanoTime();
        List<UsedArtifact> used = used(verdicts);
        Set<String> checked = new TreeSet<>();
        verdicts.forEach(v -> checked.add(v.coordinates().toString()));
        List<LockFinding> findings = new ArrayList<>(LockCheck.compare(lock.get(), module(), used, checked));
        findings.addAll(unpinned(used));
        for (LockFinding f : findings) {
            if (f.fails()) {
                mojo.getLog().error(f.describe());
            } else {
                mojo.getLog().warn(f.describe());
            }
        }
        List<LockFinding> failing = findings.stream().filter(LockFinding::fails).toList();
        mojo.getLog().info("Lock " + file() + ": " + used.size() + " artifact(s) of " + module() + " checked, " + failing.size()
                + " failing, " + (findings.size() - failing.size()) + " stale; " + (System.nanoTime() - started) / 1_000_000 + " ms");
        mojo.lockReport = report("checked", used.size(), findings);
        return failing;
    }

    /** One line naming the first failing finding, and how many more there are. */
    static String failureSummary(List<LockFinding> failing) {
        return failing.size() + " artifact" + (failing.size() == 1 ? "" : "s") + " failed the lock check: "
                + ProvenantMojo.safe(failing.get(0).describe())
                + (failing.size() > 1 ? " (and " + (failing.size() - 1) + " more, listed above)" : "");
    }

    /** The lock's part of the JSON report. */
    ObjectNode report(String action, int artifacts, List<LockFinding> findings) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file().toString());
        o.put("module", module());
        o.put("action", action);
        o.put("ok", findings.stream().noneMatch(LockFinding::fails));
        o.put("artifacts", artifacts);
        ObjectNode cov = o.putObject("coverage");
        coverage.describe().forEach((k, v) -> {
            if (v instanceof Boolean b) {
                cov.put(k, b);
            } else {
                ArrayNode list = cov.putArray(k);
                ((List<?>) v).forEach(x -> list.add(x.toString()));
            }
        });
        cov.put("refuseUnpinned", mojo.refuseUnpinned);
        ArrayNode notCovered = o.putArray("notCovered");
        unresolved.forEach(notCovered::add);
        ArrayNode list = o.putArray("findings");
        for (LockFinding f : findings) {
            ObjectNode x = list.addObject();
            x.put("artifact", f.artifact());
            x.put("kind", f.kind().id());
            x.put("fails", f.fails());
            x.put("detail", f.detail());
        }
        return o;
    }
}
