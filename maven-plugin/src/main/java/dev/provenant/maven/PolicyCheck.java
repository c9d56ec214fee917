package dev.provenant.maven;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.policy.EvidenceBundle;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PromotionGate;
import dev.provenant.policy.PromotionPolicy;
import dev.provenant.policy.PromotionVerdict;
import dev.provenant.policy.RuleResult;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** Evaluates one stage of a promotion policy over the build's evidence, as {@code provenant promote} does. */
final class PolicyCheck {
    private final Log log;
    private final BundleVerifier verifier;

    PolicyCheck(Log log, BundleVerifier verifier) {
        this.log = log;
        this.verifier = verifier;
    }

    /** Adds each failing rule to {@code failures}; an unusable policy or evidence file fails the build as a configuration error. */
    void check(Path policyFile, String stage, Path provenance, List<File> evidence, List<ProjectFile> published, List<String> failures)
            throws MojoExecutionException {
        PromotionPolicy policy;
        try {
            policy = PromotionPolicy.load(policyFile);
        } catch (PolicyException e) {
            throw new MojoExecutionException("promotion policy " + policyFile + ": " + String.join("; ",
                    e.problems().stream().map(Object::toString).toList()));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read promotion policy " + policyFile + ": " + e.getMessage(), e);
        }
        if (policy.stage(stage).isEmpty()) {
            throw new MojoExecutionException("the policy has no stage '" + stage + "' (stages: " + String.join(", ", policy.stageNames()) + ")");
        }
        List<EvidenceBundle> bundles = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        if (Files.isRegularFile(provenance)) {
            paths.add(provenance);
        }
        if (evidence != null) {
            evidence.forEach(f -> paths.add(f.toPath()));
        }
        for (Path p : paths) {
            try {
                bundles.add(EvidenceBundle.read(p));
            } catch (IOException | FormatException e) {
                throw new MojoExecutionException("evidence bundle " + p + ": " + e.getMessage());
            }
        }
        List<Artifact> artifacts = new ArrayList<>();
        published.forEach(f -> artifacts.add(new Artifact.FileArtifact(f.file())));
        PromotionVerdict verdict;
        try {
            verdict = new PromotionGate(verifier, new ArtifactDigester(), Clock.systemUTC()).evaluate(policy, stage, bundles, artifacts);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read evidence: " + e.getMessage(), e);
        }
        String prefix = "policy " + policy.name() + " stage " + stage + ": ";
        boolean passed = verdict.passed(); // the library decides; this only reports
        for (RuleResult rule : verdict.rules()) {
            switch (rule.status()) {
                case PASS -> log.info(prefix + rule.line());
                case SKIPPED -> log.warn(prefix + rule.line());
                case FAIL -> failures.add(prefix + rule.line()); // logged with the other failures
            }
        }
        if (!passed && verdict.firstFailure().isEmpty()) {
            failures.add(prefix + "did not pass" + (verdict.rules().isEmpty() ? " (the stage has no rule)" : ""));
        }
    }
}
