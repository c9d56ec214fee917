package dev.provenant.signer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PemPrivateKeysTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final String PASSPHRASE = "fixture-passphrase";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ec-p256-sec1.pem, ec-p256.pub, PKIX_ECDSA_P256_SHA_256",
        "ec-p256-pkcs8.pem, ec-p256.pub, PKIX_ECDSA_P256_SHA_256",
        "ec-p256-pkcs8-encrypted.pem, ec-p256.pub, PKIX_ECDSA_P256_SHA_256",
        "ec-p256-sec1-encrypted.pem, ec-p256.pub, PKIX_ECDSA_P256_SHA_256",
        "ec-p384-sec1.pem, ec-p384.pub, PKIX_ECDSA_P384_SHA_384",
        "ed25519-pkcs8.pem, ed25519.pub, PKIX_ED25519",
        "ed25519-pkcs8-encrypted.pem, ed25519.pub, PKIX_ED25519",
        "rsa-3072-pkcs1.pem, rsa-3072.pub, PKIX_RSA_PKCS1V15_3072_SHA256",
        "rsa-3072-pkcs1-encrypted.pem, rsa-3072.pub, PKIX_RSA_PKCS1V15_3072_SHA256",
        "rsa-3072-pkcs8.pem, rsa-3072.pub, PKIX_RSA_PKCS1V15_3072_SHA256"})
    void importsEveryFormatAndSignsVerifiably(String keyFile, String pubFile, String algorithm) throws Exception {
        Signer signer = new FileKeyProvider().open(KEYS.resolve(keyFile).toString(), passphrase());
        assertThat(signer.algorithm().sigstoreName()).isEqualTo(algorithm);
        var expectedPublic = PemPublicKeys.parse(Files.readString(KEYS.resolve(pubFile)));
        assertThat(signer.publicKey().getEncoded()).as("derived public key").isEqualTo(expectedPublic.getEncoded());

        byte[] message = "provenant".getBytes(StandardCharsets.UTF_8);
        Signature verify = signer.algorithm().newMessageSignature();
        verify.initVerify(expectedPublic);
        verify.update(message);
        assertThat(verify.verify(signer.sign(message))).isTrue();

        if (signer.algorithm().hash().isPresent()) {
            DigestAlgorithm hash = signer.algorithm().hash().get();
            Digest digest = new Digest(hash, hash.newMessageDigest().digest(message));
            // A signature over the prehashed digest is the same scheme as one over the message.
            verify.initVerify(expectedPublic);
            verify.update(message);
            assertThat(verify.verify(signer.signDigest(digest))).isTrue();
        }
    }

    @Test
    void encryptedKeyWithoutPassphraseSaysHowToGiveOne() {
        assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve("ec-p256-pkcs8-encrypted.pem").toString(),
                new SecretSource(Map.of(), "PROVENANT_PASSWORD", null)))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("PROVENANT_PASSWORD");
    }

    @Test
    void wrongPassphraseIsRefusedWithoutEchoingIt() {
        for (String file : new String[] {"ec-p256-pkcs8-encrypted.pem", "ec-p256-sec1-encrypted.pem", "rsa-3072-pkcs1-encrypted.pem"}) {
            assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve(file).toString(),
                    new SecretSource(Map.of("PROVENANT_PASSWORD", "not-the-secret-xyz"), "PROVENANT_PASSWORD", null)))
                    .isInstanceOf(KeyReferenceException.class)
                    .hasMessageContaining("wrong passphrase")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-xyz"));
        }
    }

    @Test
    void refusesWeakOrUnsupportedKeys() {
        assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve("rsa-1024-pkcs1.pem").toString(), passphrase()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve("ec-secp256k1-sec1.pem").toString(), passphrase()))
                .isInstanceOf(KeyReferenceException.class);
        assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve("ec-p256.pub").toString(), passphrase()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("public key");
        assertThatThrownBy(() -> new FileKeyProvider().open(KEYS.resolve("missing.pem").toString(), passphrase()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void signaturesAreDerEcdsa() throws Exception {
        Signer signer = new FileKeyProvider().open(KEYS.resolve("ec-p256-sec1.pem").toString(), passphrase());
        byte[] sig = signer.sign(new byte[] {1});
        assertThat(sig[0]).isEqualTo((byte) 0x30);
        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    }

    static SecretSource passphrase() {
        return new SecretSource(Map.of("PROVENANT_PASSWORD", PASSPHRASE), "PROVENANT_PASSWORD", null);
    }
}
