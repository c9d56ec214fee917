package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.file.KeyPairFiles;
import dev.provenant.signer.file.KeyType;
import dev.provenant.signer.pkcs11.Pkcs11KeyGenerator;
import dev.provenant.signer.pkcs11.Pkcs11Uri;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Generate a key pair: PREFIX.key (encrypted PKCS#8 PEM, mode 0600) and PREFIX.pub (PEM).",
            "The passphrase comes from PROVENANT_PASSWORD, --password-file, or a prompt on a terminal.",
            "With --kms, generate it inside a PKCS#11 token instead, where it cannot be extracted."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  PROVENANT_PASSWORD=... provenant keygen --output-prefix release",
            "  provenant keygen --type ed25519 --password-file pass.txt --output-prefix ci/signing",
            "  provenant keygen --no-password --output-prefix throwaway   # unencrypted, for tests only",
            "  PROVENANT_PKCS11_PIN=... provenant keygen --type ecdsa-p384 \\",
            "      --kms 'pkcs11:token=ci;object=release?module-path=/usr/lib/softhsm/libsofthsm2.so'"})
final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ecdsa-p256",
            description = "Key type: ecdsa-p256 (default), ecdsa-p384, ed25519, rsa-3072.")
    String type;

    @Option(names = "--output-prefix", paramLabel = "PREFIX",
            description = "Write PREFIX.key and PREFIX.pub.")
    String prefix;

    @Option(names = "--kms", paramLabel = "URI",
            description = "Generate the key in a PKCS#11 token: pkcs11:token=LABEL;object=NEWKEY?module-path=LIB"
                    + " (PIN from PROVENANT_PKCS11_PIN or pin-source=FILE).")
    String kms;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the new key's passphrase.")
    Path passwordFile;

    @Option(names = "--no-password", description = "Write the private key unencrypted (it is still mode 0600).")
    boolean noPassword;

    @Option(names = "--force", description = "Replace existing PREFIX.key and PREFIX.pub.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        KeyType keyType = KeyType.fromCliName(type);
        if (kms != null) {
            return generateInToken(keyType);
        }
        if (prefix == null) {
            throw new UsageException("keygen needs --output-prefix PREFIX, or --kms URI to generate in a token");
        }
        char[] passphrase = passphrase();
        try {
            KeyPairFiles.Written written = KeyPairFiles.generate(keyType, prefix, passphrase, force);
            if (common.json) {
                ObjectNode out = Outputs.okJson();
                out.put("type", keyType.cliName());
                out.put("privateKey", written.privateKey().toString());
                out.put("publicKey", written.publicKey().toString());
                out.put("encrypted", passphrase.length > 0);
                Outputs.printJson(spec.commandLine(), out);
            } else {
                spec.commandLine().getOut().printf("Wrote %s (%s, %s) and %s%n", written.privateKey(), keyType.cliName(),
                        passphrase.length > 0 ? "encrypted" : "UNENCRYPTED", written.publicKey());
            }
            return ExitCode.OK;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private int generateInToken(KeyType keyType) throws Exception {
        if (prefix != null || passwordFile != null || noPassword || force) {
            throw new UsageException("--kms generates in the token; --output-prefix, --password-file, --no-password and --force do not apply");
        }
        if (!Pkcs11Uri.claims(kms)) {
            throw new UsageException("--kms takes a pkcs11: URI (no other key service is supported yet)");
        }
        var generated = new Pkcs11KeyGenerator(System.getenv()).generate(Pkcs11Uri.parse(kms), keyType);
        String uri = generated.uri().toUriString();
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("type", keyType.cliName());
            out.put("key", uri);
            Outputs.printJson(spec.commandLine(), out);
        } else {
            spec.commandLine().getOut().printf("Generated %s key %s in the token; export its public key with:%n"
                    + "  provenant public-key --key '%s'%n", keyType.cliName(), generated.uri().display(), uri);
        }
        return ExitCode.OK;
    }

    private char[] passphrase() throws KeyReferenceException, UsageException {
        if (noPassword) {
            if (passwordFile != null) {
                throw new UsageException("--no-password and --password-file contradict each other");
            }
            return new char[0];
        }
        var secret = SecretSource.password(passwordFile).read();
        if (secret.isPresent()) {
            if (secret.get().length == 0) {
                throw new UsageException("the passphrase is empty; pass --no-password to write an unencrypted key on purpose");
            }
            return secret.get();
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no passphrase: set PROVENANT_PASSWORD, pass --password-file FILE, or --no-password");
        }
        char[] first = console.readPassword("Passphrase for %s.key: ", prefix);
        char[] second = console.readPassword("Repeat passphrase: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new UsageException("the passphrases do not match");
        }
        Arrays.fill(second, '\0');
        if (first.length == 0) {
            throw new UsageException("the passphrase is empty; pass --no-password to write an unencrypted key on purpose");
        }
        return first;
    }
}
