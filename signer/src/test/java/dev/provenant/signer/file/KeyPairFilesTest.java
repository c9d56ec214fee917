package dev.provenant.signer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyPairFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void generatesEncryptedOwnerOnlyKeysThatLoadBack(KeyType type) throws Exception {
        String prefix = dir.resolve("k-" + type.cliName()).toString();
        var written = KeyPairFiles.generate(type, prefix, "s3cret-pass".toCharArray(), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKey()))).isEqualTo("rw-------");
        assertThat(Files.readString(written.privateKey())).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.readString(written.privateKey())).doesNotContain("s3cret-pass");
        Signer signer = new FileKeyProvider().open(written.privateKey().toString(),
                new SecretSource(Map.of("PROVENANT_PASSWORD", "s3cret-pass"), "PROVENANT_PASSWORD", null));
        assertThat(signer.publicKey().getEncoded())
                .isEqualTo(PemPublicKeys.parse(Files.readString(written.publicKey())).getEncoded());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void unencryptedOnlyWhenAskedAndNeverOverwrites() throws Exception {
        String prefix = dir.resolve("plain").toString();
        var written = KeyPairFiles.generate(KeyType.ECDSA_P256, prefix, new char[0], false);
        assertThat(Files.readString(written.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] before = Files.readAllBytes(written.privateKey());
        assertThatThrownBy(() -> KeyPairFiles.generate(KeyType.ECDSA_P256, prefix, new char[0], false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(written.privateKey())).isEqualTo(before);
        KeyPairFiles.generate(KeyType.ECDSA_P256, prefix, new char[0], true);
        assertThat(Files.readAllBytes(written.privateKey())).isNotEqualTo(before);
    }

    @Test
    void passphraseFileWinsAndLosesItsTrailingNewline() throws Exception {
        Path pass = Files.writeString(dir.resolve("pass.txt"), "from-file\n");
        String prefix = dir.resolve("f").toString();
        KeyPairFiles.generate(KeyType.ECDSA_P384, prefix, "from-file".toCharArray(), false);
        Signer signer = new FileKeyProvider().open(prefix + ".key",
                new SecretSource(Map.of("PROVENANT_PASSWORD", "wrong"), "PROVENANT_PASSWORD", pass));
        assertThat(signer.algorithm().sigstoreName()).isEqualTo("PKIX_ECDSA_P384_SHA_384");
        assertThatThrownBy(() -> new FileKeyProvider().open(prefix + ".key",
                new SecretSource(Map.of("PROVENANT_PASSWORD", "wrong"), "PROVENANT_PASSWORD", null)))
                .isInstanceOf(KeyReferenceException.class);
    }
}
