package dev.provenant.intoto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys in testdata/keys/intoto were made by in-toto-keygen 1.3.1; their keyids as securesystemslib 0.26 computes them. */
class SslibKeyFilesTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    static final Path INTOTO = KEYS.resolve("intoto");
    static final SecretSource NO_SECRETS = new SecretSource(Map.of(), "UNSET", null);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "rsa,b26082d92820a62946af115c4fc1fe42f0a5c8d26c2163b193ee2f9c65add50f,rsassa-pss-sha256",
        "ed25519,1a8aa7f450561d4a95f72ea2b1dc0ed4aff3ecc57b6958381ac95639c5e38e86,ed25519",
        "ecdsa,d54458dca0344b6994010e68abc450340d3810f7e10f7aa5924622b1ed38f8c1,ecdsa-sha2-nistp256"})
    void keyidsMatchSecuresystemslib(String name, String keyid, String scheme) throws Exception {
        SslibPublicKey pub = SslibKeyFiles.readPublic(INTOTO.resolve(name + ".pub"), SslibScheme.RSASSA_PSS_SHA256);
        assertThat(pub.keyid()).isEqualTo(keyid);
        assertThat(pub.scheme()).isEqualTo(scheme);
        SslibKeyPair pair = SslibKeyFiles.readPrivate(INTOTO.resolve(name), NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256);
        assertThat(pair.keyid()).isEqualTo(keyid);
        byte[] data = "canonical bytes".getBytes(StandardCharsets.UTF_8);
        var sig = pair.sign(data);
        assertThat(sig.keyid()).isEqualTo(keyid);
        assertThat(sig.sig()).matches("[0-9a-f]+");
        assertThat(pub.schemeValue().verify(pub.toPublicKey(), data, sig.sigBytes())).isTrue();
        assertThat(pub.schemeValue().verify(pub.toPublicKey(), "other".getBytes(StandardCharsets.UTF_8), sig.sigBytes())).isFalse();
    }

    @Test
    void aPemKeyHasTheKeyidOfTheSameKeyInJson() throws Exception {
        // An Ed25519 key exported to PEM is the same securesystemslib key as its JSON form.
        SslibKeyPair json = SslibKeyFiles.readPrivate(INTOTO.resolve("ed25519"), NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256);
        Path pem = Files.writeString(dir.resolve("ed.pub"), PemPublicKeys.toPem(json.jcaPublicKey()));
        assertThat(SslibKeyFiles.readPublic(pem, SslibScheme.RSASSA_PSS_SHA256).keyid()).isEqualTo(json.keyid());
        // and a PEM private key (Provenant's own format) gets the keyid of its PEM public key
        SslibKeyPair provenantKey = SslibKeyFiles.readPrivate(KEYS.resolve("ed25519-pkcs8.pem"), NO_SECRETS,
                SslibScheme.RSASSA_PSS_SHA256);
        assertThat(SslibKeyFiles.readPublic(KEYS.resolve("ed25519.pub"), SslibScheme.RSASSA_PSS_SHA256).keyid())
                .isEqualTo(provenantKey.keyid());
        SslibKeyPair rsa = SslibKeyFiles.readPrivate(KEYS.resolve("rsa-3072-pkcs1.pem"), NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256);
        assertThat(SslibKeyFiles.readPublic(KEYS.resolve("rsa-3072.pub"), SslibScheme.RSASSA_PSS_SHA256).keyid()).isEqualTo(rsa.keyid());
    }

    @Test
    void exportedJsonKeysReadBackWithTheSameKeyid() throws Exception {
        for (String source : new String[] {"ed25519-pkcs8.pem", "ec-p256-sec1.pem", "ec-p384-sec1.pem"}) {
            SslibKeyPair pair = SslibKeyFiles.readPrivate(KEYS.resolve(source), NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256);
            Path priv = Files.write(dir.resolve(source + ".json"), SslibKeyFiles.privateKeyJson(pair));
            Path pub = Files.writeString(dir.resolve(source + ".pub.json"), pair.publicKey().toJsonText());
            assertThat(SslibKeyFiles.readPrivate(priv, NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256).keyid()).as(source)
                    .isEqualTo(pair.keyid());
            assertThat(SslibKeyFiles.readPublic(pub, SslibScheme.RSASSA_PSS_SHA256).keyid()).isEqualTo(pair.keyid());
        }
    }

    @Test
    void pkcs1v15IsAnotherKeyid() throws Exception {
        SslibPublicKey pss = SslibKeyFiles.readPublic(INTOTO.resolve("rsa.pub"), SslibScheme.RSASSA_PSS_SHA256);
        SslibPublicKey v15 = SslibKeyFiles.readPublic(INTOTO.resolve("rsa.pub"), SslibScheme.RSA_PKCS1V15_SHA256);
        assertThat(v15.keyid()).isNotEqualTo(pss.keyid());
        SslibKeyPair pair = SslibKeyFiles.readPrivate(INTOTO.resolve("rsa"), NO_SECRETS, SslibScheme.RSA_PKCS1V15_SHA256);
        byte[] data = {1, 2, 3};
        assertThat(v15.schemeValue().verify(v15.toPublicKey(), data, pair.sign(data).sigBytes())).isTrue();
    }

    @Test
    void mismatchedOrUnreadableKeysAreRefused() throws Exception {
        String ed = Files.readString(INTOTO.resolve("ed25519"));
        Path wrongKeyid = Files.writeString(dir.resolve("k1"), ed.replace("1a8aa7f4", "00000000"));
        assertThatThrownBy(() -> SslibKeyFiles.readPrivate(wrongKeyid, NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("keyid");
        Path wrongPublic = Files.writeString(dir.resolve("k2"), ed.replace("88fabd88", "88fabd89"));
        assertThatThrownBy(() -> SslibKeyFiles.readPrivate(wrongPublic, NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("public half");
        Path encrypted = Files.writeString(dir.resolve("k3"), "abcd@@@@100000@@@@ef@@@@01@@@@02");
        assertThatThrownBy(() -> SslibKeyFiles.readPrivate(encrypted, NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("passphrase-encrypted");
        assertThatThrownBy(() -> SslibKeyFiles.readPrivate(INTOTO.resolve("ed25519.pub"), NO_SECRETS, SslibScheme.RSASSA_PSS_SHA256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("no private key");
        assertThatThrownBy(() -> SslibKeyFiles.readPublic(dir.resolve("missing"), SslibScheme.RSASSA_PSS_SHA256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("does not exist");
    }
}
