package dev.provenant.maven;

import dev.provenant.supplychain.DependencyVerdict;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prepares an offline build of {@code verify-dependencies}: looks up every dependency's (and, with
 * {@code includePlugins}, every build plugin's) {@code .sigstore.json} now, online, downloads it into the
 * local repository, verifies it afresh and records each passing verdict for the exact file (its SHA-256)
 * and rule, so that a later {@code mvn -o} build passes those very files and nothing else. Run it with the
 * same rules, scopes and trusted root as the offline build. It fails closed: any verdict that does not
 * pass fails this goal, whatever {@code failOnViolation} says, and it needs the network and the verdict cache.
 */
@Mojo(name = "go-offline", threadSafe = true, requiresOnline = true, requiresDependencyResolution = ResolutionScope.TEST)
public class GoOfflineMojo extends AbstractDependencyMojo {
    /** Skip this goal. */
    @Parameter(property = "provenant.goOffline.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipAll) {
            getLog().info("Skipping go-offline");
            return;
        }
        checkParameters();
        if (session.isOffline()) {
            throw new MojoExecutionException("go-offline looks every bundle up in the repositories; run it without -o");
        }
        if (!cache) {
            throw new MojoExecutionException("go-offline records verdicts for offline builds; it needs the verdict cache "
                    + "(remove -Dprovenant.cache=false)");
        }
        List<DependencyVerdict> verdicts = checkAll(true);
        List<DependencyVerdict> failed = verdicts.stream().filter(v -> !v.outcome().passes()).toList();
        if (!failed.isEmpty()) {
            throw new MojoFailureException(failureSummary(failed) + "; nothing is recorded for the failing ones");
        }
        getLog().info("Recorded " + verdicts.size() + " verdict(s) in " + cacheDirectory + " for offline builds");
    }
}
