package dev.provenant.cli;

import dev.provenant.attest.bundle.Bundle;
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
            "parsed from the verified bytes; every FILE must be one of its subjects."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-attestation --key release.pub --bundle app.jar.intoto.sigstore.json app.jar",
            "  provenant verify-attestation --key release.pub --bundle att.json --type https://slsa.dev/provenance/v1 \\",
            "      --print-statement app.jar app-sources.jar"})
final class VerifyAttestationCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerifyOptions options;

    @Option(names = "--type", paramLabel = "URI", description = "Require this predicate type.")
    String predicateType;

    @Option(names = "--print-statement", description = "Print the verified statement (JSON) on stdout.")
    boolean printStatement;

    @Parameters(arity = "1..*", paramLabel = "FILE|sha256:HEX", description = "Artifacts that must be subjects.")
    List<String> artifacts;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        VerificationPolicy policy = options.policy();
        ArtifactDigester digester = new ArtifactDigester();
        List<Artifact> inputs = VerifierSetup.hashedAhead(digester, artifacts);
        VerifierSetup setup = VerifierSetup.forRoot(options.trustedRoot);
        Bundle bundle = options.readBundle(artifacts.get(0), ".intoto.sigstore.json");
        VerificationResult result = setup.verifier(digester).verify(bundle, inputs,
                policy.requiringStatement().withPredicateType(predicateType));
        ResultPrinter.print(spec.commandLine(), common.json, String.join(", ", artifacts), result, printStatement,
                setup.source());
        return ExitCode.OK;
    }
}
