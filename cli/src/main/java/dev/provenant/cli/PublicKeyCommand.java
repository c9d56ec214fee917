package dev.provenant.cli;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.signer.Signer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "public-key", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Print the public key of a signing key as PEM, for verifiers.",
        footerHeading = "%nExamples:%n",
        footer = {"  provenant public-key --key release.key > release.pub"})
final class PublicKeyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyOptions key;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "-", description = "Write the PEM here (default: stdout).")
    String output;

    @Override
    public Integer call() throws Exception {
        try (Signer signer = key.open()) {
            String pem = PemPublicKeys.toPem(signer.publicKey());
            if ("-".equals(output)) {
                spec.commandLine().getOut().print(pem);
                spec.commandLine().getOut().flush();
            } else {
                Outputs.write(spec.commandLine(), output, pem.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return ExitCode.OK;
    }
}
