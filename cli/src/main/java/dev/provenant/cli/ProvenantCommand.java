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
            "verify-provenance", "verify-npm-package", "verify-vsa", "sign-image", "attest-image", "verify-image", "run", "record", "verify-link", "verify-layout", "sandbox", "policy", "promote", "store", "audit", "pkcs11", "trust",
            "local-sigstore", "self-test",
            "version", "generate-completion", "help");

    /**
     * One whole sentence per subcommand for the top-level help's command list (each command's own
     * description, which can run over several lines, is shown by its --help).
     */
    static final java.util.Map<String, String> SUMMARIES = java.util.Map.ofEntries(
            java.util.Map.entry("keygen", "Generate a signing key pair (an encrypted PKCS#8 private key, mode 0600, and its PEM public key)."),
            java.util.Map.entry("public-key", "Print the public key of a signing key, as PEM or securesystemslib JSON."),
            java.util.Map.entry("digest", "Print artifact digests as sha256sum does, streaming each file."),
            java.util.Map.entry("sign", "Sign an artifact (or its sha256 digest) into a Sigstore bundle, with a key or keyless."),
            java.util.Map.entry("attest", "Sign an in-toto statement about artifacts as a DSSE envelope in a Sigstore bundle."),
            java.util.Map.entry("provenance", "Generate SLSA v1 build provenance for artifacts from the CI environment, and sign it."),
            java.util.Map.entry("verify", "Verify a Sigstore bundle over an artifact, by public key or by keyless identity."),
            java.util.Map.entry("verify-attestation", "Verify a DSSE attestation bundle and that every artifact is one of its subjects."),
            java.util.Map.entry("verify-provenance", "Verify an artifact's SLSA provenance and what it says about the build, as slsa-verifier does."),
            java.util.Map.entry("verify-npm-package", "Verify an npm package tarball against the registry's publish attestation and its SLSA provenance, as slsa-verifier does."),
            java.util.Map.entry("verify-vsa", "Verify a signed SLSA verification summary (VSA) and what it claims, as slsa-verifier verify-vsa does."),
            java.util.Map.entry("sign-image", "Sign a container image in its registry, publishing the bundle as an OCI referrer as cosign v3 does."),
            java.util.Map.entry("attest-image", "Attest a container image in its registry: a signed statement about its digest, as an OCI referrer."),
            java.util.Map.entry("verify-image", "Verify an image's signatures or attestations found in its registry, both cosign layouts included."),
            java.util.Map.entry("run", "Run one supply-chain step and record it as a signed in-toto link, as in-toto-run does."),
            java.util.Map.entry("record", "Record a step that spans several commands, as in-toto-record does."),
            java.util.Map.entry("verify-link", "Verify one in-toto link's signature with a functionary's public key."),
            java.util.Map.entry("verify-layout", "Verify a software supply chain against an in-toto v1.0 layout, as in-toto-verify does."),
            java.util.Map.entry("sandbox", "Check sandbox profiles: what a step run with run --sandbox may see, write and reach."),
            java.util.Map.entry("policy", "Check promotion policies: the stages artifacts go through and the evidence each requires."),
            java.util.Map.entry("promote", "Decide whether artifacts may enter a stage of a promotion policy, and sign a VSA when they may."),
            java.util.Map.entry("store", "Keep attestation bundles in an evidence store, found later by artifact digest, predicate type and signer."),
            java.util.Map.entry("audit", "Verify, checkpoint and list the evidence store's tamper-evident log of gate decisions."),
            java.util.Map.entry("pkcs11", "Work with keys in PKCS#11 tokens (HSMs, smart cards, SoftHSM2)."),
            java.util.Map.entry("trust", "Show or refresh the Sigstore trusted root that verification uses offline."),
            java.util.Map.entry("local-sigstore", "Run an embedded Sigstore stack on the loopback interface for offline and air-gapped use."),
            java.util.Map.entry("self-test", "Check this installation by signing and verifying throwaway artifacts with each key type."),
            java.util.Map.entry("version", "Print the Provenant and Java versions."),
            java.util.Map.entry("generate-completion", "Print a bash/zsh completion script for provenant."),
            java.util.Map.entry("help", "Show the help of a command."));

    /** The top-level command list: each command with its one-sentence summary, wrapped at {@code width}. */
    static String commandList(int width) {
        int column = 2 + SUBCOMMANDS.stream().mapToInt(String::length).max().orElse(0) + 2;
        int room = Math.max(40, width - column);
        StringBuilder out = new StringBuilder();
        for (String name : SUBCOMMANDS) {
            StringBuilder line = new StringBuilder("  ").append(name);
            line.append(" ".repeat(column - line.length()));
            int used = 0;
            for (String word : SUMMARIES.getOrDefault(name, "").split(" ")) {
                if (used > 0 && used + 1 + word.length() > room) {
                    out.append(line).append(System.lineSeparator());
                    line = new StringBuilder(" ".repeat(column + 2));
                    used = 2;
                } else if (used > 0) {
                    line.append(' ');
                    used++;
                }
                line.append(word);
                used += word.length();
            }
            out.append(line).append(System.lineSeparator());
        }
        return out.toString();
    }

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
            case "verify-npm-package": return new VerifyNpmPackageCommand();
            case "verify-vsa": return VerifyVsaCommand.spec();
            case "sign-image": return new SignImageCommand();
            case "attest-image": return new AttestImageCommand();
            case "verify-image": return new VerifyImageCommand();
            case "run": return new RunCommand();
            case "record": return new RecordCommand();
            case "verify-link": return new VerifyLinkCommand();
            case "verify-layout": return new VerifyLayoutCommand();
            case "sandbox": return new SandboxCommand();
            case "policy": return new PolicyCommand();
            case "promote": return new PromoteCommand();
            case "store": return new StoreCommand();
            case "audit": return new AuditCommand();
            case "pkcs11": return new Pkcs11Command();
            case "trust": return new TrustCommand();
            case "local-sigstore": return new LocalSigstoreCommand();
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
