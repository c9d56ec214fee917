package dev.provenant.cli;

import dev.provenant.frontend.Signing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Sign an artifact (or its sha256 digest) into a Sigstore bundle v0.3.",
            "The artifact is streamed: only its digest is signed, so size does not matter (Ed25519 excepted)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant sign --key release.key target/app.jar            # writes target/app.jar.sigstore.json",
            "  provenant sign --key release.key --bundle app.bundle.json app.jar",
            "  provenant sign --key release.key --bundle - sha256:e3b0c442...b855   # a digest, bundle to stdout",
            "  provenant sign --key release.key --store .provenant-store app.jar   # and store the bundle",
            "  provenant sign --key release.key --tlog-upload app.jar     # and log it in Rekor (public-good)",
            "  provenant sign --keyless target/app.jar                    # CI identity token, public-good Sigstore",
            "  provenant sign --key release.key oci://registry.example.com/app@sha256:3f1c...   # an image, in its registry",
            "  provenant sign --keyless --identity-token @token.jwt --signing-config signing_config.json \\",
            "      --trusted-root trusted_root.json app.jar                # a private Sigstore instance"})
final class SignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Option(names = "--tlog-upload",
            description = "With --key: log the bundle in the Rekor log(s) of --signing-config (default: the public-good"
                    + " instance; a Rekor v2 log with its TSA's timestamp) before it is written; no bundle is written when"
                    + " the log cannot take it.")
    boolean tlogUpload;

    @Option(names = "--bundle", paramLabel = "OUT", description = "Where to write the bundle (default: FILE.sigstore.json; - for stdout).")
    String bundleOut;

    @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "LOCATION", description = StoreCli.PUSH_DESCRIPTION)
    String store;

    @Parameters(index = "0", paramLabel = "FILE|sha256:HEX",
            description = "The artifact, or its digest; or oci://REGISTRY/REPOSITORY@sha256:HEX, signed and published in its"
                    + " registry as sign-image does.")
    String artifact;

    @Mixin
    RegistryOptions registry;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (ImageVerifyRun.isImage(artifact)) {
            if (tlogUpload || store != null) {
                throw new UsageException((tlogUpload ? "--tlog-upload" : "--store") + " applies to bundle files; an image's"
                        + " bundle is published in its registry (use --bundle OUT to keep a copy)");
            }
            return ImageSigningRun.sign(spec.commandLine(), signing, registry, common, ImageVerifyRun.reference(artifact), bundleOut);
        }
        boolean isDigest = Digest.looksLikeDigest(artifact) && !Files.exists(Path.of(artifact));
        if (isDigest && bundleOut == null) {
            throw new UsageException("signing a digest needs --bundle OUT (there is no file to put the bundle beside)");
        }
        String destination = bundleOut != null ? bundleOut : artifact + ".sigstore.json";
        if (!isDigest && !Files.isRegularFile(Path.of(artifact))) {
            throw new java.nio.file.NoSuchFileException(artifact);
        }
        if (store != null) {
            StoreCli.checkLocation(store);
        }
        Bundle bundle;
        Digest recorded;
        ObjectNode out = Outputs.okJson();
        try (Signing signer = signing.open(spec.commandLine().getErr(), tlogUpload)) {
            bundle = isDigest ? signer.signDigest(Digest.parse(artifact)) : signer.signArtifact(Path.of(artifact), new ArtifactDigester(
                    new Progress(artifact, Files.size(Path.of(artifact)))));
            recorded = bundle.messageSignature().messageDigest().toDigest();
            Outputs.describe(signer, out);
        }
        byte[] json = bundle.toJson();
        Outputs.write(spec.commandLine(), destination, json);
        dev.provenant.frontend.StorePush.Pushed pushed = store == null ? null : StoreCli.pushWritten(store, json, destination);
        if (common.json) {
            out.put("artifact", artifact);
            out.put("digest", recorded.toString());
            out.put("bundle", destination);
            Outputs.tlog(bundle, out);
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, out, false);
            }
            Outputs.printJson(spec.commandLine(), out);
        } else {
            if (!"-".equals(destination)) {
                spec.commandLine().getOut().printf("Signed %s (%s)%nBundle: %s%n", artifact, recorded, destination);
                Outputs.tlog(bundle, spec.commandLine().getOut());
            }
            if (pushed != null) {
                StoreCli.report(spec.commandLine(), pushed, null, "-".equals(destination));
            }
        }
        return ExitCode.OK;
    }
}
