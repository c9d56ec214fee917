package dev.provenant.maven;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.slsa.ProvenancePredicate;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.frontend.Failure;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.TrustInputs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Verifies the project's own artifacts before they are installed or deployed: every published file must
 * have a {@code .sigstore.json} that verifies with the trusted key or keyless identity, and the signed
 * provenance, when there is one, must name every file as a subject. With a promotion policy, the stage's
 * evidence rules are checked too, over the signed provenance and any further evidence bundles. Each
 * problem is reported and the build fails.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends ProvenantMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The trusted public key (PEM), for key-signed bundles. */
    @Parameter(property = "provenant.publicKey")
    File publicKey;

    /** Keyless: the signer identity the certificate must name exactly. */
    @Parameter(property = "provenant.certificateIdentity")
    String certificateIdentity;

    /** Keyless: a regular expression the whole certificate identity must match. */
    @Parameter(property = "provenant.certificateIdentityRegexp")
    String certificateIdentityRegexp;

    /** Keyless: the OIDC issuer the certificate must name. */
    @Parameter(property = "provenant.certificateOidcIssuer")
    String certificateOidcIssuer;

    /** Keyless: a regular expression the whole OIDC issuer must match. */
    @Parameter(property = "provenant.certificateOidcIssuerRegexp")
    String certificateOidcIssuerRegexp;

    /** Keyless: the GitHub repository the workflow ran in: OWNER/REPO on github.com, or https://HOST/OWNER/REPO on GitHub Enterprise. */
    @Parameter(property = "provenant.certificateGithubWorkflowRepository")
    String certificateGithubWorkflowRepository;

    /** Keyless: the git ref the workflow ran for, e.g. refs/tags/v1.0. */
    @Parameter(property = "provenant.certificateGithubWorkflowRef")
    String certificateGithubWorkflowRef;

    /** Keyless: the commit the workflow ran on. */
    @Parameter(property = "provenant.certificateGithubWorkflowSha")
    String certificateGithubWorkflowSha;

    /** Keyless: the event that triggered the workflow, e.g. push. */
    @Parameter(property = "provenant.certificateGithubWorkflowTrigger")
    String certificateGithubWorkflowTrigger;

    /** Keyless: the workflow's name. */
    @Parameter(property = "provenant.certificateGithubWorkflowName")
    String certificateGithubWorkflowName;

    /**
     * A Sigstore trusted_root.json, for keyless bundles from a private instance or the embedded stack (default:
     * the public-good root, a fresh {@code provenant trust refresh} copy or the one shipped with Provenant). Its own
     * property: keyless signing's root does not change it.
     */
    @Parameter(property = "provenant.verify.trustedRoot")
    File trustedRoot;

    /** Fail unless every bundle has a verified transparency log entry. */
    @Parameter(property = "provenant.requireTlog", defaultValue = "false")
    boolean requireTlog;

    /** Fail unless the signed provenance ({@code FINALNAME.provenance.sigstore.json}) is there. */
    @Parameter(property = "provenant.requireProvenance", defaultValue = "false")
    boolean requireProvenance;

    /** A promotion policy (YAML or JSON, as {@code provenant promote} reads) whose {@code stage} must pass. */
    @Parameter(property = "provenant.policy")
    File policy;

    /** The stage of {@code policy} to check, for example {@code build}. */
    @Parameter(property = "provenant.stage")
    String stage;

    /** Further evidence bundles for the policy (test results, scans, earlier stages' VSAs), besides the signed provenance. */
    @Parameter
    List<File> evidence;

    /** Skip this goal. */
    @Parameter(property = "provenant.verify.skip", defaultValue = "false")
    boolean skip;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipAll) {
            getLog().info("Skipping verification");
            return;
        }
        checkParameters();
        if ((policy == null) != (stage == null)) {
            throw new MojoExecutionException("a promotion policy needs both <policy> and <stage> (-Dprovenant.policy, -Dprovenant.stage)");
        }
        TrustInputs trust = new TrustInputs(publicKey == null ? null : publicKey.toPath(), certificateIdentity,
                certificateIdentityRegexp, certificateOidcIssuer, certificateOidcIssuerRegexp,
                TrustInputs.githubClaims(certificateGithubWorkflowRepository, certificateGithubWorkflowRef,
                        certificateGithubWorkflowSha, certificateGithubWorkflowTrigger, certificateGithubWorkflowName));
        // Without a policy, say who must have signed; with one, the policy's signers may be all there is.
        SignerTrust signer = trust.given() || policy == null ? TrustSettings.signer(trust) : null;
        RootSelection root = TrustSettings.root(trustedRoot);
        BundleVerifier verifier = new BundleVerifier(new ArtifactDigester(), root, Clock.systemUTC());

        ProjectFiles files = new ProjectFiles(project);
        List<ProjectFile> published = files.published();
        if (published.isEmpty()) {
            throw new MojoExecutionException("the project has no artifact file to verify; run the verify goal after package");
        }
        List<String> failures = new ArrayList<>();
        Path provenance = files.existingProvenanceBundle();
        if (signer != null) {
            VerificationPolicy base = new VerificationPolicy(signer, requireTlog, Optional.empty());
            for (ProjectFile f : published) {
                check(verifier, f.existingBundle(), List.of(new Artifact.FileArtifact(f.file())), base, f.repositoryName(), failures);
            }
            if (Files.isRegularFile(provenance)) {
                List<Artifact> subjects = new ArrayList<>();
                published.forEach(f -> subjects.add(new Artifact.FileArtifact(f.file())));
                check(verifier, provenance, subjects, base.withPredicateType(ProvenancePredicate.TYPE), "provenance", failures);
            }
        }
        if (!Files.isRegularFile(provenance) && requireProvenance) {
            failures.add("provenance: " + provenance.getFileName() + " is missing (run the provenance and sign goals)");
        }
        if (policy != null) {
            new PolicyCheck(getLog(), verifier).check(policy.toPath(), stage, provenance, evidence, published, failures);
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> getLog().error(f));
            throw new MojoFailureException("verification failed for " + failures.size() + " check(s): " + safe(failures.get(0))
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more, listed above)" : ""));
        }
        if (signer == null) {
            getLog().info("Stage '" + stage + "' of " + policy.getName() + " passed for " + published.size() + " artifact(s)");
            return;
        }
        getLog().info("Verified " + published.size() + " artifact(s)" + (Files.isRegularFile(provenance) ? " and their provenance" : "")
                + root.source().map(s -> " against the " + s).orElse(""));
    }

    private void check(BundleVerifier verifier, Path bundlePath, List<Artifact> artifacts, VerificationPolicy policy, String name,
            List<String> failures) throws MojoExecutionException {
        if (!Files.isRegularFile(bundlePath)) {
            failures.add(name + ": no bundle " + bundlePath.getFileName() + " (run the sign goal first)");
            return;
        }
        try {
            verifier.verify(Bundle.read(bundlePath), artifacts, policy);
            getLog().info("Verified " + name);
        } catch (VerificationException | FormatException e) {
            failures.add(name + ": " + Failure.of(e).message());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + name + ": " + Failure.describe(e), e);
        }
    }
}
