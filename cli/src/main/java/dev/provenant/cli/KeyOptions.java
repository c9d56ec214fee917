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
            description = {"Private key: a PEM file (PKCS#8, SEC1 or PKCS#1, encrypted or not), or a key that never leaves"
                + " its token or KMS (the KMS is sent a digest, never the artifact):",
                "  pkcs11:token=LABEL;object=KEY?module-path=LIB   PIN from PROVENANT_PKCS11_PIN",
                "  awskms://[ENDPOINT]/KEY_ID|alias/NAME|ARN       AWS default credentials",
                "  gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N",
                "  azurekms://VAULT.vault.azure.net/KEY[/VERSION]  DefaultAzureCredential",
                "  hashivault://KEY                                VAULT_ADDR, VAULT_TOKEN"})
    String keyRef;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the key's passphrase (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    Signer open() throws SigningException, java.io.IOException {
        return new Signers(SignerProviders.forKey(keyRef)).open(keyRef, SecretSource.password(passwordFile));
    }
}
