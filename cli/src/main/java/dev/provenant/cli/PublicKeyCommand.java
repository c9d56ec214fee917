package dev.provenant.cli;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.intoto.keys.SslibKeyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "public-key", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Print the public key of a signing key, for verifiers: PEM, or the securesystemslib JSON that",
            "in-toto layouts and in-toto-verify -t ed25519|ecdsa read. The key may also be a securesystemslib JSON key."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant public-key --key release.key > release.pub",
            "  provenant public-key --key release.key --format securesystemslib --output release.pub.json",
            "  provenant public-key --key alice --format pem        # in-toto-keygen -t ed25519 alice"})
final class PublicKeyCommand implements Callable<Integer> {
    enum Format { pem, securesystemslib }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyOptions key;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "-", description = "Write the key here (default: stdout).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pem",
            description = "pem (default) or securesystemslib (JSON with keytype, scheme and keyval; RSA as rsassa-pss-sha256).")
    Format format;

    @Override
    public Integer call() throws Exception {
        String text;
        Path file = Path.of(key.keyRef);
        if (Files.isRegularFile(file) && (format == Format.securesystemslib || startsWithBrace(file))) {
            var pair = SslibKeyFiles.readPrivate(file, SecretSource.password(key.passwordFile), SslibScheme.RSASSA_PSS_SHA256);
            text = format == Format.pem ? PemPublicKeys.toPem(pair.jcaPublicKey()) : pair.publicKey().toJsonText() + "\n";
        } else {
            try (Signer signer = key.open()) {
                PublicKey publicKey = signer.publicKey();
                text = PemPublicKeys.toPem(publicKey);
            }
        }
        if ("-".equals(output)) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Outputs.write(spec.commandLine(), output, text.getBytes(StandardCharsets.UTF_8));
        }
        return ExitCode.OK;
    }

    private static boolean startsWithBrace(Path file) throws java.io.IOException {
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) == ' ' || c == '\n' || c == '\r' || c == '\t') {
                // skip leading whitespace
            }
            return c == '{';
        }
    }
}
