package dev.provenant.cli;

import java.util.List;
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

    /** The subcommands, in the order help lists them. */
    static final List<String> SUBCOMMANDS = List.of(
            "keygen", "public-key", "digest", "sign", "attest", "provenance", "verify", "verify-attestation",
            "verify-provenance", "run", "record", "verify-link", "verify-layout", "policy", "promote", "pkcs11", "trust", "self-test",
            "version", "generate-completion", "help");

    /**
     * A new subcommand: its annotated object, or the model of one built in code. Building a command's
     * model is reflection-heavy, so a run that names one of them builds only that one (see
     * {@link Main#commandLine}); help and completion build them all. A switch rather than a map of
     * constructor references, each of which would be a class spun up at start.
     */
    static Object subcommand(String name) {
        switch (name) {
            case "keygen": return new KeygenCommand();
            case "public-key": return new PublicKeyCommand();
            case "digest": return DigestCommand.spec();
            case "sign": return new SignCommand();
            case "attest": return new AttestCommand();
            case "provenance": return new ProvenanceCommand();
            case "verify": return VerifyCommand.spec();
            case "verify-attestation": return new VerifyAttestationCommand();
            case "verify-provenance": return new VerifyProvenanceCommand();
            case "run": return new RunCommand();
            case "record": return new RecordCommand();
            case "verify-link": return new VerifyLinkCommand();
            case "verify-layout": return new VerifyLayoutCommand();
            case "policy": return new PolicyCommand();
            case "promote": return new PromoteCommand();
            case "pkcs11": return new Pkcs11Command();
            case "trust": return new TrustCommand();
            case "self-test": return new SelfTestCommand();
            case "version": return new VersionCommand();
            case "generate-completion": return new AutoComplete.GenerateCompletion();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
