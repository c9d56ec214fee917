package dev.provenant.signer.pkcs11;

import java.nio.file.Path;

/**
 * A SoftHSM2 token initialised for a test run.
 *
 * @param pinFile holds {@code pin}, for URIs' pin-source=
 */
public record SoftHsmToken(Path module, String label, String pin, Path pinFile) {
    /** A URI naming {@code object} in this token, with the PIN taken from the pin file. */
    public String uri(String object) {
        return "pkcs11:token=" + label + ";object=" + object + "?module-path=" + module + "&pin-source=" + pinFile;
    }
}
