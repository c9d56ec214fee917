package dev.provenant.cli;

import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.Signers;
import dev.provenant.signer.SigningException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a signing command finds its key. */
final class KeyOptions {
    @Option(names = "--key", required = true, paramLabel = "KEYREF",
            description = "Private key: a PEM file (PKCS#8, SEC1 or PKCS#1, encrypted or not),"
                    + " or a key in a PKCS#11 token: pkcs11:token=LABEL;object=KEY?module-path=LIB.")
    String keyRef;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the key's passphrase (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    Signer open() throws SigningException {
        return Signers.discover().open(keyRef, SecretSource.password(passwordFile));
    }
}
