package dev.provenant.cli;

import static dev.provenant.attest.text.TerminalText.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.verify.LinkVerifier;
import dev.provenant.intoto.verify.VerifiedLink;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-link", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Verify one in-toto link's signature with a functionary's public key, as in-toto-sign --verify does.",
            "This checks who signed the link, not a layout: use in-toto-verify for the supply chain as a whole.",
            "Exit 1 when no signature by the key verifies, 2 when the link or the key cannot be read."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  provenant verify-link --key alice.pub build.b26082d9.link          # PEM public key (RSA: rsassa-pss-sha256)",
            "  provenant verify-link --key bob.pub --json test.1a8aa7f4.link      # securesystemslib JSON public key"})
final class VerifyLinkCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PUBKEY",
            description = "The functionary's public key: PEM, or a securesystemslib JSON key file.")
    Path key;

    @Parameters(index = "0", paramLabel = "LINK", description = "The link file.")
    Path link;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var publicKey = SslibKeyFiles.readPublic(key, SslibScheme.RSASSA_PSS_SHA256);
        Metablock block;
        try {
            block = Metablock.parse(JsonValue.readDocument(link, InputLimit.INTOTO_METADATA));
        } catch (FormatException e) {
            throw new UsageException(link + ": " + e.getMessage());
        }
        VerifiedLink verified = LinkVerifier.verify(block, publicKey);
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("verified", true);
            out.put("step", verified.link().name());
            out.put("keyid", verified.keyid());
            out.put("scheme", verified.scheme());
            var command = out.putArray("command");
            verified.link().command().forEach(command::add);
            out.put("materials", verified.link().materials().size());
            out.put("products", verified.link().products().size());
            Outputs.printJson(spec.commandLine(), out);
        } else {
            var out = spec.commandLine().getOut();
            out.printf("Verified OK: %s%n", line(link.toString()));
            out.printf("  step        %s%n", line(verified.link().name()));
            out.printf("  signed by   key %s (%s)%n", line(verified.keyid()), line(verified.scheme()));
            out.printf("  command     %s%n", line(String.join(" ", verified.link().command())));
            out.printf("  artifacts   %d material(s), %d product(s)%n", verified.link().materials().size(),
                    verified.link().products().size());
            out.flush();
        }
        return ExitCode.OK;
    }
}
