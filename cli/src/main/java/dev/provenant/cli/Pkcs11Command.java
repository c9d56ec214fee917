package dev.provenant.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "pkcs11", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        subcommands = {Pkcs11ListKeysCommand.class},
        description = {"Work with keys in PKCS#11 tokens (HSMs, smart cards, SoftHSM2).",
            "Keys are named by pkcs11: URIs (RFC 7512); the PIN comes from PROVENANT_PKCS11_PIN or a pin-source file."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant pkcs11 list-keys --module-path /usr/lib/softhsm/libsofthsm2.so --token ci",
            "  provenant keygen --kms 'pkcs11:token=ci;object=release?module-path=/usr/lib/softhsm/libsofthsm2.so'"})
final class Pkcs11Command implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
