package dev.provenant.signer.file;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/**
 * Writes a new key pair as {@code PREFIX.key} (encrypted PKCS#8 PEM, mode 0600) and {@code PREFIX.pub}
 * (PEM SubjectPublicKeyInfo). Both are written atomically, and existing files are never replaced
 * unless asked, so a slip of the prefix cannot destroy a release key.
 */
public final class KeyPairFiles {
    public record Written(Path privateKey, Path publicKey, KeyType type) {}

    private KeyPairFiles() {}

    public static Path privateKeyPath(String prefix) {
        return Path.of(prefix + ".key");
    }

    public static Path publicKeyPath(String prefix) {
        return Path.of(prefix + ".pub");
    }

    /**
     * @param passphrase encrypts the private key; empty writes it unencrypted and must be the caller's
     *     explicit choice
     */
    public static Written generate(KeyType type, String prefix, char[] passphrase, boolean overwrite)
            throws IOException, GeneralSecurityException {
        Path privatePath = privateKeyPath(prefix);
        Path publicPath = publicKeyPath(prefix);
        if (!overwrite) {
            for (Path p : new Path[] {privatePath, publicPath}) {
                if (Files.exists(p)) {
                    throw new FileAlreadyExistsException(p.toString(), null, "already exists (use --force to replace it)");
                }
            }
        }
        KeyPair pair = type.generate();
        AtomicFile.write(privatePath, PemPrivateKeys.write(pair.getPrivate(), passphrase).getBytes(StandardCharsets.US_ASCII),
                AtomicFile.OWNER_ONLY, overwrite);
        try {
            AtomicFile.write(publicPath, PemPublicKeys.toPem(pair.getPublic()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFile.PUBLIC, overwrite);
        } catch (IOException e) {
            // A private key whose public half was never written is of no use to anyone; do not leave it.
            Files.deleteIfExists(privatePath);
            throw e;
        }
        return new Written(privatePath, publicPath, type);
    }
}
