package dev.provenant.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level command. Its picocli model is built directly rather than read from annotations, as
 * are those of the hot subcommands ({@code digest}, {@code verify}): reading annotations makes the JVM
 * generate a proxy class per annotation type at every start, which a class-data archive cannot hold.
 */
final class ProvenantCommand implements Runnable {
    private CommandSpec spec;

    static CommandSpec spec() {
        ProvenantCommand command = new ProvenantCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command)
                .name("provenant")
                .versionProvider(new VersionCommand.Provider());
        spec.usageMessage()
                .description(
                        "Sign artifacts, attest how they were built, and verify that evidence before promotion.",
                        "Bundles are Sigstore bundles (v0.3); statements are in-toto v1 in DSSE envelopes.")
                .footerHeading("%nExit codes:%n")
                .footer(
                        "  0  trusted, or done",
                        "  1  the evidence does not establish trust (tampered, mismatched, malformed, wrong key)",
                        "  2  usage error or unreadable input",
                        "  3  a service or device failed",
                        "",
                        "Secrets come from the environment or files, never the command line:",
                        "  PROVENANT_PASSWORD   passphrase of encrypted key files (or --password-file FILE)",
                        "  PROVENANT_PKCS11_PIN PIN of the token a pkcs11: key is in (or pin-source=FILE in the URI)",
                        "",
                        "Shell completion:  source <(provenant generate-completion)");
        Binding.addStandardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    /**
     * The subcommands, in the order help lists them. Building a command's model is reflection-heavy,
     * so a run that names one of them builds only that one (see {@link Main#commandLine}); help and
     * completion build them all.
     */
    static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("keygen", KeygenCommand::new);
        all.put("public-key", PublicKeyCommand::new);
        all.put("digest", DigestCommand::spec);
        all.put("sign", SignCommand::new);
        all.put("attest", AttestCommand::new);
        all.put("provenance", ProvenanceCommand::new);
        all.put("verify", VerifyCommand::spec);
        all.put("verify-attestation", VerifyAttestationCommand::new);
        all.put("verify-provenance", VerifyProvenanceCommand::new);
        all.put("run", RunCommand::new);
        all.put("record", RecordCommand::new);
        all.put("verify-link", VerifyLinkCommand::new);
        all.put("verify-layout", VerifyLayoutCommand::new);
        all.put("pkcs11", Pkcs11Command::new);
        all.put("trust", TrustCommand::new);
        all.put("self-test", SelfTestCommand::new);
        all.put("version", VersionCommand::new);
        all.put("generate-completion", AutoComplete.GenerateCompletion::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
