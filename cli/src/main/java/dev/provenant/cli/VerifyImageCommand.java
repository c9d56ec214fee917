package dev.provenant.cli;

import dev.provenant.oci.SigstoreLayout;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-image", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify a container image's signatures or attestations in its registry: every Sigstore bundle",
            "among its OCI referrers (referrers API or fallback tag) and cosign's legacy .sig and .att tags;",
            "it passes when one satisfies the policy."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-image --key release.pub registry.example.com/app@sha256:3f1c...",
            "  provenant verify-image --certificate-identity-regexp '^https://github\\.com/acme/.*$' \\",
            "      --certificate-oidc-issuer https://token.actions.githubusercontent.com ghcr.io/acme/app@sha256:3f1c...",
            "  provenant verify-image --key release.pub --predicate-type https://slsa.dev/provenance/v1 --json \\",
            "      registry.example.com/app:1.0@sha256:3f1c...     # refused if the tag now names another image"})
final class VerifyImageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerifyOptions options;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--predicate-type", paramLabel = "URI",
            description = "The kind of bundle that must verify (default: a signature, " + SigstoreLayout.SIGN_PREDICATE_TYPE
                    + "; with --owner or --repo, as gh: https://slsa.dev/provenance/v1).")
    String predicateType;

    @Option(names = "--recursive",
            description = "For a multi-platform index: also require every platform manifest it lists to verify, each on its own"
                    + " referrers (as sign-image --recursive signs them).")
    boolean recursive;

    @Mixin
    GhAttestationOptions gh;

    @Parameters(index = "0", paramLabel = "IMAGE",
            description = "REGISTRY/REPOSITORY@sha256:HEX, or :TAG (resolved, with a warning), or :TAG@sha256:HEX (the tag must still name it).")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        options.gh = gh.flags();
        // gh attestation verify oci:// with --owner or --repo requires SLSA provenance v1 unless told otherwise
        String predicateType = options.gh.scoped() ? options.gh.predicateType(this.predicateType) : this.predicateType;
        return ImageVerifyRun.run(spec.commandLine(), options, registry, common.json, image.startsWith(ImageVerifyRun.SCHEME)
                ? ImageVerifyRun.reference(image) : image, predicateType, recursive);
    }
}
