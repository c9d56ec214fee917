package dev.provenant.kms.azure;

import dev.provenant.signer.KeyReferenceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code azurekms://VAULT.vault.azure.net/KEY[/VERSION]} key reference, as cosign writes it: a key
 * in an Azure Key Vault (or Managed HSM) reached over HTTPS; without VERSION, the key's current version.
 */
record AzureKeyRef(String vaultHost, String keyName, String version) {
    static final String SCHEME = "azurekms://";
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9.-]+(?::[0-9]{1,5})?)/([A-Za-z0-9-]{1,127})(?:/([A-Za-z0-9]{1,64}))?");

    static boolean claims(String keyRef) {
        return keyRef.startsWith(SCHEME);
    }

    static AzureKeyRef parse(String keyRef) throws KeyReferenceException {
        Matcher m = FORM.matcher(keyRef.substring(SCHEME.length()));
        if (!m.matches()) {
            throw new KeyReferenceException("'" + keyRef + "' is not an Azure Key Vault key reference; expected"
                    + " azurekms://VAULT.vault.azure.net/KEY[/VERSION]");
        }
        return new AzureKeyRef(m.group(1), m.group(2), m.group(3));
    }

    String vaultUrl() {
        return "https://" + vaultHost;
    }

    String display() {
        return SCHEME + vaultHost + "/" + keyName + (version == null ? "" : "/" + version);
    }
}
