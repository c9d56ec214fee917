package dev.provenant.cli;

import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a signing command finds its key. */
final class KeyOptions {
    // The --key help of every command that takes a key (see SigningOptions).
    static final String KEY_HELP = "Private key: a PEM file (PKCS#8, SEC1 or PKCS#1, encrypted or not), or a key that never"
            + " leaves its token or KMS (the KMS is sent a digest, never the artifact):";
    static final String PKCS11_HELP = "  pkcs11:token=LABEL;object=KEY?module-path=LIB   PIN from PROVENANT_PKCS11_PIN";
    static final String AWS_HELP = "  awskms://[ENDPOINT]/KEY_ID|alias/NAME|ARN       AWS default credentials";
    static final String GCP_HELP = "  gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N";
    static final String AZURE_HELP = "  azurekms://VAULT.vault.azure.net/KEY[/VERSION]  DefaultAzureCredential";
    static final String VAULT_HELP = "  hashivault://KEY                                VAULT_ADDR, VAULT_TOKEN";

    @Option(names = "--key", required = true, paramLabel = "KEYREF",
            description = {KEY_HELP, PKCS11_HELP, AWS_HELP, GCP_HELP, AZURE_HELP, VAULT_HELP})
    String keyRef;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the key's passphrase (default: the PROVENANT_PASSWORD variable).")
    Path passwordFile;

    Signer open() throws SigningException, java.io.IOException {
        return SignerProviders.signers(keyRef).open(keyRef, SecretSource.password(passwordFile));
    }
}
