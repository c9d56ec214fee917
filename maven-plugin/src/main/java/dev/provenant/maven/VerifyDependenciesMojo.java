package dev.provenant.maven;

import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.lock.LockFinding;
import java.util.List;
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipAll) {
            getLog().info("Skipping dependency verification");
            return;
        }
        checkParameters();
        List<DependencyVerdict> verdicts = checkAll(false);
        List<LockFinding> lockFailures = supplyChainLock().check(verdicts);
        if (report != null && lockReport != null) {
            writeReport(verdicts);
        }
        List<DependencyVerdict> failed = verdicts.stream().filter(v -> !v.outcome().passes()).toList();
        if (!failed.isEmpty() || !lockFailures.isEmpty()) {
            String message = Stream.of(failed.isEmpty() ? null : failureSummary(failed),
                    lockFailures.isEmpty() ? null : SupplyChainLock.failureSummary(lockFailures))
                    .filter(Objects::nonNull).collect(Collectors.joining("; "));
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message);
        }
    }
}
