package dev.provenant.cli;

import dev.provenant.attest.bundle.BundleLines;
import dev.provenant.frontend.BundleChoice;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.ProvenanceVerifier;
import dev.provenant.verifier.provenance.RefExpectation;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.provenance.TrustedBuilders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-provenance", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false,
        description = {"Verify an artifact's SLSA provenance bundle (v1, or v0.2 read-only) as slsa-verifier does: the DSSE",
            "signature and subjects first (as verify-attestation), then the builder, source repository, ref, build type",
            "and workflow inputs it states. For keyless bundles the certificate's signing workflow must also be the",
            "builder, and the repository, ref and commit it certifies must be the provenance's. Without --key or",
            "identity flags a keyless GitHub Actions bundle is verified as slsa-verifier does: the signer must be a",
            "trusted builder at a release tag (see --trusted-builders) or the builder named with --builder-id.",
            "gh attestation verify's flags (--owner, --repo, --signer-*, --source-*, --deny-self-hosted-runners) pin",
            "the certificate's claims; a bundle file of JSON lines passes when one of its bundles holds."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-provenance --bundle app.intoto.jsonl --source-uri github.com/acme/app app.bin",
            "  provenant verify-provenance --key release.pub --bundle app.provenance.sigstore.json \\",
            "      --source-uri github.com/acme/app --source-versioned-tag v1.4 app.jar",
            "  provenant verify-provenance --bundle app.jar.intoto.sigstore.json \\",
            "      --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.4.2 \\",
            "      --certificate-oidc-issuer https://token.actions.githubusercontent.com \\",
            "      --source-uri github.com/acme/app --source-tag v1.4.2 \\",
            "      --builder-id https://github.com/acme/app/.github/workflows/release.yml app.jar"})
final class VerifyProvenanceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerifyOptions options;

    @Option(names = "--source-uri", required = true, paramLabel = "URI",
            description = "The repository that must have been built: github.com/ORG/REPO or a full URI.")
    String sourceUri;

    @Option(names = "--builder-id", paramLabel = "ID",
            description = "The builder: NAME matches any version, NAME@REF only that one (a tag may omit refs/tags/).")
    String builderId;

    @Option(names = "--source-tag", paramLabel = "TAG", description = "The git tag that must have been built, exactly.")
    String sourceTag;

    @Option(names = "--source-branch", paramLabel = "BRANCH", description = "The git branch that must have been built, exactly.")
    String sourceBranch;

    @Option(names = "--source-versioned-tag", paramLabel = "vX[.Y[.Z]]",
            description = "A semantic-version tag matching this prefix must have been built, e.g. v1 or v1.4.")
    String sourceVersionedTag;

    @Option(names = "--build-type", paramLabel = "URI", description = "The build type, exactly.")
    String buildType;

    @Option(names = "--build-workflow-input", paramLabel = "KEY=VALUE",
            description = "A workflow input the build must have been started with (repeatable).")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--trusted-builders", paramLabel = "FILE",
            description = "Trusted builders (JSON, see docs/VERIFY.md) that extend or replace the shipped list, as the file's mode says.")
    Path trustedBuilders;

    @Option(names = "--predicate-type", paramLabel = "URI",
            description = "Require this predicate type (default with --owner or --repo, as gh: https://slsa.dev/provenance/v1; "
                    + "otherwise SLSA v1 or v0.2, as slsa-verifier).")
    String predicateType;

    @Mixin
    GhAttestationOptions gh;

    @Option(names = "--print-provenance", description = "Print the verified statement (JSON) on stdout.")
    boolean printProvenance;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Artifacts that must be subjects of the provenance; or one oci://REGISTRY/REPOSITORY@sha256:HEX, whose"
                    + " provenance is found among its referrers, as slsa-verifier verify-image does.")
    List<String> artifacts;

    @Mixin
    RegistryOptions registry;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        boolean image = artifacts.stream().anyMatch(ImageVerifyRun::isImage);
        if (image && artifacts.size() != 1) {
            throw new UsageException("an oci:// image is verified alone: name one image and no files");
        }
        if (image && options.bundle != null) {
            throw new UsageException("an image's provenance is found among its referrers in the registry; drop --bundle");
        }
        ProvenanceExpectations expected = expectations();
        options.gh = gh.flags();
        String type = options.gh.predicateType(predicateType);
        ArtifactDigester digester = new ArtifactDigester();
        TrustedBuilders builders = trustedBuilders();
        List<Artifact> inputArtifacts;
        BundleLines bundles;
        String subject;
        if (image) {
            // as slsa-verifier verify-image: the image's manifest digest is the subject, its referrers the candidates
            ImageEvidence.Found found = ImageEvidence.find(spec.commandLine(), registry, ImageVerifyRun.reference(artifacts.get(0)),
                    "verifying");
            if (found.bundles().isEmpty()) {
                throw new dev.provenant.verifier.check.VerificationException(dev.provenant.verifier.check.Check.SIGNATURE,
                        "no Sigstore bundle is attached to " + found.pinned() + " (referrers and fallback tag)");
            }
            List<BundleLines.Line> lines = new java.util.ArrayList<>();
            for (dev.provenant.policy.EvidenceBundle b : found.bundles()) {
                lines.add(new BundleLines.Line(lines.size() + 1, b.bundle()));
            }
            bundles = new BundleLines(lines, true);
            inputArtifacts = List.of(new Artifact.DigestArtifact(found.digest()));
            subject = found.pinned();
        } else {
            inputArtifacts = VerifierSetup.hashedAhead(digester, artifacts);
            bundles = options.readBundles(artifacts.get(0), ".intoto.sigstore.json");
            subject = String.join(", ", artifacts);
        }
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        VerificationPolicy policy = policy(bundles).withPredicateType(type);
        BundleVerifier verifier = setup.verifier(digester);
        ProvenanceVerifier provenanceVerifier = new ProvenanceVerifier(builders);
        BundleChoice<Verified> chosen = BundleChoice.first(bundles, bundle -> {
            VerificationResult result = verifier.verify(bundle, inputArtifacts, policy);
            return new Verified(result, provenanceVerifier.verify(result, expected));
        });
        ProvenancePrinter.print(spec.commandLine(), common.json, subject, chosen.result().result(),
                chosen.result().provenance(), printProvenance, chosen);
        return ExitCode.OK;
    }

    /** One bundle's signature and provenance checks, both held. */
    private record Verified(VerificationResult result, VerifiedProvenance provenance) {}

    /** The shipped trusted builders, or those of --trusted-builders on top of them; an unusable file is a usage error. */
    private TrustedBuilders trustedBuilders() throws UsageException {
        if (trustedBuilders == null) {
            return TrustedBuilders.builtIn();
        }
        try {
            return TrustedBuilders.load(BoundedFile.read(trustedBuilders, InputLimit.TRUSTED_BUILDERS), trustedBuilders.toString(),
                    TrustedBuilders.builtIn());
        } catch (IOException e) {
            throw new UsageException("cannot read --trusted-builders " + trustedBuilders + ": " + e.getMessage());
        } catch (FormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The signer policy: the flags' key or identity when given; otherwise, as slsa-verifier, any GitHub
     * Actions workflow, left to the trusted builders to accept or refuse, with the claims that
     * {@code --certificate-github-workflow-*} and gh attestation's flags pin on top.
     */
    private VerificationPolicy policy(BundleLines bundles) throws Exception {
        if (options.signerNamed() || options.gh.namesSigner()) {
            return options.policy().requiringStatement();
        }
        boolean keySigned = bundles.lines().stream().map(l -> l.bundle().verificationMaterial())
                .allMatch(m -> m.certificate() == null && m.x509CertificateChain() == null);
        if (keySigned) {
            throw new UsageException("the bundle is signed with a key: give --key PUB");
        }
        IdentityPolicy signers = TrustedBuilders.githubSigners();
        try {
            for (var claim : options.keylessInputs().githubClaims().entrySet()) {
                signers = signers.withGithubClaim(claim.getKey(), claim.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new VerificationPolicy(new SignerTrust.Identity(signers), options.requireTlog, Optional.empty()).requiringStatement();
    }

    /** The expectations the flags describe; contradictions and malformed values are usage errors. */
    private ProvenanceExpectations expectations() throws UsageException {
        int refs = (sourceTag != null ? 1 : 0) + (sourceBranch != null ? 1 : 0) + (sourceVersionedTag != null ? 1 : 0);
        if (refs > 1) {
            throw new UsageException("give at most one of --source-tag, --source-branch and --source-versioned-tag");
        }
        try {
            RefExpectation ref = sourceTag != null ? RefExpectation.tag(sourceTag)
                    : sourceBranch != null ? RefExpectation.branch(sourceBranch)
                    : sourceVersionedTag != null ? RefExpectation.versionedTag(sourceVersionedTag) : null;
            return ProvenanceExpectations.of(sourceUri, builderId, ref, buildType, inputs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
