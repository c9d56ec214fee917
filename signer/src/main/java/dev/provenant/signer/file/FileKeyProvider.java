package dev.provenant.signer.file;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens PEM private key files: the default backend for a key reference that is a path. */
public final class FileKeyProvider implements SignerProvider {

    @Override
    public boolean supports(String keyRef) {
        return !keyRef.contains("://") && !keyRef.startsWith("pkcs11:");
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws KeyReferenceException {
        Path path;
        try {
            path = Path.of(keyRef);
        } catch (InvalidPathException e) {
            throw new KeyReferenceException("'" + keyRef + "' is not a valid key file path");
        }
        String pem;
        try {
            pem = BoundedFile.readString(path, InputLimit.KEY, StandardCharsets.US_ASCII);
        } catch (InputTooLargeException e) {
            throw new KeyReferenceException(keyRef + " is too large to be a key file");
        } catch (NoSuchFileException e) {
            throw new KeyReferenceException("key file " + keyRef + " does not exist");
        } catch (IOException e) {
            throw new KeyReferenceException("cannot read key file " + keyRef + ": " + e.getClass().getSimpleName());
        }
        char[] passphrase = pem.contains("ENCRYPTED") ? secrets.read().orElse(null) : null;
        try {
            return new FileKeySigner(PemPrivateKeys.read(pem, passphrase, keyRef), keyRef);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }
}
