package dev.provenant.cli;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.SigstoreLayout;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign-image", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Sign a container image in its registry, as cosign v3 does: a Sigstore bundle over the manifest digest,",
            "published as an OCI 1.1 referrer (and in the fallback tag sha256-HEX where the registry lacks the referrers API)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant sign-image --key release.key registry.example.com/app@sha256:3f1c...",
            "  provenant sign-image --keyless ghcr.io/acme/app@sha256:3f1c...",
            "  provenant sign-image --key release.key --recursive registry.example.com/app@sha256:9e2a...   # an index and its platforms",
            "  provenant sign-image --key release.key --registry-ca ca.pem --json registry.internal:5000/app:1.0   # a tag: warns"})
final class SignImageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--bundle", paramLabel = "OUT", description = "Also write the bundle to this file (- for stdout).")
    String bundleOut;

    @Option(names = "--recursive",
            description = "For a multi-platform index: also sign every platform manifest it lists, each with its own bundle."
                    + " (--bundle keeps the index's.)")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "REGISTRY/REPOSITORY@sha256:HEX (or :TAG, resolved to its digest).")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        return ImageSigningRun.run(spec.commandLine(), signing, registry, common, image, SigstoreLayout.SIGN_PREDICATE_TYPE,
                JsonCodec.mapper().createObjectNode(), bundleOut, recursive);
    }
}
