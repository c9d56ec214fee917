package dev.provenant.cli;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code provenant verify}; its picocli model is built directly, see {@link ProvenantCommand}. */
final class VerifyCommand implements Callable<Integer>, Binding.Fields {
    private CommandSpec spec;

    private final VerifyOptions options = new VerifyOptions();

    private String artifact;

    private final RegistryOptions registry = new RegistryOptions();

    private final CommonOptions common = new CommonOptions();

    static CommandSpec spec() {
        VerifyCommand command = new VerifyCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command)
                .name("verify")
                .versionProvider(new VersionCommand.Provider());
        spec.usageMessage()
                .sortOptions(false)
                .description("Verify a Sigstore bundle over an artifact (or its sha256 digest): by public key or keyless identity.",
                        "Checks the artifact digest, the signature, and every transparency log entry and timestamp present.",
                        "An oci://REGISTRY/REPOSITORY@sha256:HEX operand verifies the image's signatures in its registry, as verify-image.")
                .footerHeading("%nExamples:%n")
                .footer(
                        "  provenant verify --key release.pub target/app.jar          # reads target/app.jar.sigstore.json",
                        "  provenant verify --key release.pub --bundle app.bundle.json app.jar",
                        "  provenant verify --key release.pub --bundle b.json --json sha256:e3b0c442...b855",
                        "  provenant verify --key release.pub --require-tlog --trusted-root trusted_root.json app.jar",
                        "  provenant verify --key release.pub oci://registry.example.com/app@sha256:3f1c...");
        spec.addMixin("options", command.options.spec());
        spec.addPositional(Binding.positional(command, String.class, "FILE|sha256:HEX")
                .index("0")
                .required(true)
                .description("The artifact, or its digest, or oci://IMAGE.")
                .build());
        spec.addMixin("registry", command.registry.spec());
        spec.addMixin("common", command.common.spec());
        Binding.addStandardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    @Override
    public Object get(String name) {
        if (!name.equals("FILE|sha256:HEX")) {
            throw new IllegalArgumentException(name);
        }
        return artifact;
    }

    @Override
    public void set(String name, Object value) {
        if (!name.equals("FILE|sha256:HEX")) {
            throw new IllegalArgumentException(name);
        }
        artifact = (String) value;
    }

    @Override
    public Integer call() throws Exception {
        if (ImageVerifyRun.isImage(artifact)) {
            return ImageVerifyRun.run(spec.commandLine(), options, registry, common.json, ImageVerifyRun.reference(artifact), null);
        }
        VerificationPolicy policy = options.policy();
        ArtifactDigester digester = new ArtifactDigester();
        List<Artifact> target = VerifierSetup.hashedAhead(digester, List.of(artifact));
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        Bundle bundle = options.readBundle(artifact, ".sigstore.json");
        VerificationResult result = setup.verifier(digester).verify(bundle, target, policy);
        ResultPrinter.print(spec.commandLine(), common.json, artifact, result, false, setup.source());
        return ExitCode.OK;
    }
}
