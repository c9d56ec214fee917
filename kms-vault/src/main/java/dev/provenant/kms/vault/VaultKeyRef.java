package dev.provenant.kms.vault;

import dev.provenant.signer.KeyReferenceException;
import java.util.regex.Pattern;

/**
 * A {@code hashivault://KEY} key reference, as cosign writes it: the name of a key in Vault's transit
 * engine. Where Vault is and how to log in come from the environment, not the reference.
 */
record VaultKeyRef(String keyName) {
    static final String SCHEME = "hashivault://";
    private static final Pattern NAME = Pattern.compile("\\w([\\w.-]*\\w)?");

    static boolean claims(String keyRef) {
        return keyRef.startsWith(SCHEME);
    }

    static VaultKeyRef parse(String keyRef) throws KeyReferenceException {
        String name = keyRef.substring(SCHEME.length());
        if (!NAME.matcher(name).matches()) {
            throw new KeyReferenceException("'" + keyRef + "' is not a Vault key reference; expected hashivault://KEY"
                    + " (letters, digits, '.', '-' and '_')");
        }
        return new VaultKeyRef(name);
    }

    String display() {
        return SCHEME + keyName;
    }
}
