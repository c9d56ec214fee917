package dev.provenant.maven;

import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.lock.LockCheck;
import dev.provenant.supplychain.lock.LockFile;
import dev.provenant.supplychain.lock.LockFinding;
import dev.provenant.supplychain.lock.UsedArtifact;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the lock file of the build's supply chain: every artifact this module's build takes from a repository (its
 * dependencies per scope, the POMs of all of them with their parents and imported BOMs, the build plugins and their
 * dependencies, the build extensions, as the {@code provenant.lock.*} switches say) with its SHA-256 and, when its
 * bundle verified under the rules file, the signer. Entries are sorted, one a line, so the lock's changes are reviewed
 * in code review. A lock shared by several modules is updated module by module: this build replaces only its own part.
 * When a rules file exists, the signature checks run first and any failing verdict fails this goal: nothing failing is
 * locked.
 */
@Mojo(name = "lock", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class LockMojo extends AbstractDependencyMojo {
    /** Skip this goal. */
    @Parameter(property = "provenant.lock.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipAll) {
            getLog().info("Skipping lock");
            return;
        }
        checkParameters();
        List<DependencyVerdict> verdicts = List.of();
        if (rules.isFile()) {
            verdicts = checkAll(false);
            List<DependencyVerdict> failed = verdicts.stream().filter(v -> !v.outcome().passes()).toList();
            if (!failed.isEmpty()) {
                throw new MojoFailureException(failureSummary(failed) + "; nothing is locked");
            }
        } else {
            getLog().info("No rules file " + rules + ": the lock records digests, and no signers");
        }
        SupplyChainLock lock = supplyChainLock();
        List<UsedArtifact> used = lock.used(verdicts);
        List<LockFinding> unpinned = lock.unpinned(used);
        if (!unpinned.isEmpty()) {
            unpinned.forEach(f -> getLog().error(f.describe()));
            throw new MojoFailureException(SupplyChainLock.failureSummary(unpinned) + "; nothing is locked");
        }
        List<LockFinding> changes;
        boolean existed;
        synchronized (lock.monitor()) {
            existed = java.nio.file.Files.exists(lock.file());
            LockFile before = lock.read().orElse(LockFile.empty());
            LockFile after = before.update(lock.module(), used, lock.reactorModules());
            changes = LockCheck.compare(before, lock.module(), used, Set.of());
            try {
                if (!java.nio.file.Files.exists(lock.file()) || !Arrays.equals(before.toBytes(), after.toBytes())) {
                    after.write(lock.file());
                }
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write the lock file " + lock.file() + ": " + e.getMessage(), e);
            }
        }
        if (existed) {
            // what changed, one line each, for the reviewer; a first lock is all new and gets only the summary
            for (LockFinding c : changes) {
                String what = switch (c.kind()) {
                    case NEW -> "added";
                    case DIGEST_MISMATCH -> "changed digest";
                    case STALE -> "dropped";
                    default -> c.kind().label();
                };
                getLog().info("Lock: " + what + " " + c.artifact());
            }
        }
        long added = changes.stream().filter(c -> c.kind() == LockFinding.Kind.NEW).count();
        long changed = changes.stream().filter(c -> c.kind() == LockFinding.Kind.DIGEST_MISMATCH).count();
        long dropped = changes.stream().filter(c -> c.kind() == LockFinding.Kind.STALE).count();
        getLog().info("Locked " + used.size() + " artifact(s) of " + lock.module() + " in " + lock.file() + ": " + added + " new, "
                + changed + " changed, " + dropped + " dropped");
        lockReport = lock.report("written", used.size(), List.of());
        if (report != null) {
            writeReport(verdicts);
        }
    }
}
