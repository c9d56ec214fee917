package dev.provenant.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attest-image", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Attest a container image in its registry: an in-toto statement whose subject is the manifest digest,",
            "signed into a Sigstore bundle and published as an OCI 1.1 referrer, as cosign v3 and GitHub's attestations do."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant attest-image --key release.key --type https://slsa.dev/provenance/v1 --predicate pred.json \\",
            "      registry.example.com/app@sha256:3f1c...",
            "  provenant attest-image --keyless --type https://cyclonedx.org/bom --predicate sbom.json ghcr.io/acme/app@sha256:3f1c..."})
final class AttestImageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--type", required = true, paramLabel = "URI", description = "The predicate type URI.")
    String type;

    @Option(names = "--predicate", required = true, paramLabel = "FILE", description = "The predicate: a JSON object.")
    Path predicate;

    @Option(names = "--bundle", paramLabel = "OUT", description = "Also write the bundle to this file (- for stdout).")
    String bundleOut;

    @Option(names = "--recursive",
            description = "For a multi-platform index: also attest every platform manifest it lists, each with its own bundle."
                    + " (--bundle keeps the index's.)")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "REGISTRY/REPOSITORY@sha256:HEX (or :TAG, resolved to its digest).")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        return ImageSigningRun.run(spec.commandLine(), signing, registry, common, image, type, AttestCommand.readPredicate(predicate),
                bundleOut, recursive);
    }
}
