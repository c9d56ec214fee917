package dev.provenant.cli;

import dev.provenant.attest.bundle.BundleLines;
import dev.provenant.frontend.BundleChoice;
import dev.provenant.frontend.GhAttestationFlags;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-attestation", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify a DSSE attestation bundle: the envelope signature first, then the in-toto statement",
            "parsed from the verified bytes; every FILE must be one of its subjects. A bundle file of JSON lines",
            "(gh attestation download) passes when one of its bundles holds. gh attestation verify's flags",
            "(--owner, --repo, --signer-*, --source-*) pin the keyless certificate's claims."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-attestation --key release.pub --bundle app.jar.intoto.sigstore.json app.jar",
            "  provenant verify-attestation --key release.pub --bundle att.json --type https://slsa.dev/provenance/v1 \\",
            "      --print-statement app.jar app-sources.jar",
            "  provenant verify-attestation --bundle app.jsonl --repo acme/app \\",
            "      --signer-workflow acme/app/.github/workflows/release.yml --deny-self-hosted-runners app.jar",
            "  provenant verify-attestation --key release.pub --type https://slsa.dev/provenance/v1 \\",
            "      oci://registry.example.com/app@sha256:3f1c..."})
final class VerifyAttestationCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerifyOptions options;

    @Option(names = {"--type", "--predicate-type"}, paramLabel = "URI",
            description = "Require this predicate type (default with --owner or --repo, as gh: https://slsa.dev/provenance/v1).")
    String predicateType;

    @Mixin
    GhAttestationOptions gh;

    @Option(names = "--print-statement", description = "Print the verified statement (JSON) on stdout.")
    boolean printStatement;

    @Parameters(arity = "1..*", paramLabel = "FILE|sha256:HEX",
            description = "Artifacts that must be subjects; or one oci://REGISTRY/REPOSITORY@sha256:HEX, whose attestations of"
                    + " the --type are found in its registry, as verify-image --predicate-type does.")
    List<String> artifacts;

    @Mixin
    RegistryOptions registry;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        GhAttestationFlags flags = gh.flags();
        options.gh = flags;
        if (artifacts.stream().anyMatch(ImageVerifyRun::isImage)) {
            if (artifacts.size() != 1) {
                throw new UsageException("an oci:// image is verified alone: name one image and no files");
            }
            String type = flags.predicateType(predicateType);
            if (type == null) {
                throw new UsageException("name the attestation to look for among the image's referrers: --type URI"
                        + " (e.g. https://slsa.dev/provenance/v1)");
            }
            if (printStatement) {
                throw new UsageException("--print-statement applies to a bundle file; verify-image --json lists what verified");
            }
            return ImageVerifyRun.run(spec.commandLine(), options, registry, common.json, ImageVerifyRun.reference(artifacts.get(0)),
                    type);
        }
        VerificationPolicy policy = options.policy().requiringStatement().withPredicateType(flags.predicateType(predicateType));
        ArtifactDigester digester = new ArtifactDigester();
        List<Artifact> inputs = VerifierSetup.hashedAhead(digester, artifacts);
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        BundleLines bundles = options.readBundles(artifacts.get(0), ".intoto.sigstore.json");
        BundleVerifier verifier = setup.verifier(digester);
        BundleChoice<VerificationResult> chosen = BundleChoice.first(bundles, bundle -> verifier.verify(bundle, inputs, policy));
        ResultPrinter.print(spec.commandLine(), common.json, String.join(", ", artifacts), chosen.result(), printStatement,
                setup.source(), chosen);
        return ExitCode.OK;
    }
}
