package dev.provenant.signer.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.file.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs against a real SoftHSM2 token; skipped, with the reason, only where SoftHSM2 is not installed. */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11SignerTest {
    private static final byte[] MESSAGE = "payload to sign".getBytes(StandardCharsets.UTF_8);

    private static SecretSource noEnv() {
        return new SecretSource(Map.of(), SecretSource.PASSWORD_VARIABLE, null);
    }

    private static Pkcs11KeyGenerator.GeneratedKey generate(SoftHsmToken token, String label, KeyType type) throws Exception {
        return new Pkcs11KeyGenerator(Map.of()).generate(Pkcs11Uri.parse(token.uri(label)), type);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ECDSA_P256", "ECDSA_P384", "RSA_3072"})
    void generatesInTheTokenAndSignsMessagesAndDigests(KeyType type, SoftHsmToken token) throws Exception {
        String label = "gen-" + type.cliName();
        var generated = generate(token, label, type);
        try (Signer signer = Signers.discover().open(token.uri(label), noEnv())) {
            assertThat(signer).isInstanceOf(Pkcs11Signer.class);
            assertThat(signer.publicKey()).isEqualTo(generated.publicKey());
            assertThat(signer.description()).isEqualTo("pkcs11:token=" + token.label() + ";object=" + label);
            SignatureAlgorithm algorithm = signer.algorithm();
            assertThat(algorithm).isEqualTo(switch (type) {
                case ECDSA_P256 -> SignatureAlgorithm.ECDSA_P256_SHA256;
                case ECDSA_P384 -> SignatureAlgorithm.ECDSA_P384_SHA384;
                default -> SignatureAlgorithm.RSA_PKCS1V15_3072_SHA256;
            });

            byte[] overMessage = signer.sign(MESSAGE);
            assertThat(verifies(algorithm, signer, overMessage)).isTrue();
            if (algorithm.isEcdsa()) {
                assertThat(overMessage[0]).as("DER SEQUENCE").isEqualTo((byte) 0x30);
            }
            DigestAlgorithm hash = algorithm.hash().orElseThrow();
            byte[] overDigest = signer.signDigest(new Digest(hash, hash.newMessageDigest().digest(MESSAGE)));
            assertThat(verifies(algorithm, signer, overDigest)).isTrue();

            // The key never leaves the token: no encoding, and SunPKCS11 reports CKA_EXTRACTABLE false.
            Pkcs11Signer p11 = (Pkcs11Signer) signer;
            assertThat(p11.privateKey().getEncoded()).isNull();
            assertThat(p11.privateKey().toString()).contains("token object").contains("sensitive").contains("unextractable");
        }
    }

    private static boolean verifies(SignatureAlgorithm algorithm, Signer signer, byte[] signature) throws Exception {
        Signature v = algorithm.newMessageSignature();
        v.initVerify(signer.publicKey());
        v.update(MESSAGE);
        return v.verify(signature);
    }

    @Test
    void readsThePinFromTheEnvironmentWhenTheUriHasNoPinSource(SoftHsmToken token) throws Exception {
        generate(token, "env-pin", KeyType.ECDSA_P256);
        String uri = "pkcs11:token=" + token.label() + ";object=env-pin?module-path=" + token.module();
        var env = new SecretSource(Map.of(TokenLogin.PIN_VARIABLE, token.pin()), SecretSource.PASSWORD_VARIABLE, null);
        try (Signer signer = Signers.discover().open(uri, env)) {
            assertThat(signer.sign(MESSAGE)).isNotEmpty();
        }
        assertThatThrownBy(() -> Signers.discover().open(uri, noEnv()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining(TokenLogin.PIN_VARIABLE);
    }

    @Test
    void wrongPinIsADeviceFailureThatNeverShowsThePin(SoftHsmToken token, @TempDir Path dir) throws Exception {
        generate(token, "wrong-pin", KeyType.ECDSA_P256);
        Path wrong = Files.writeString(dir.resolve("wrong"), "00998877");
        String uri = "pkcs11:token=" + token.label() + ";object=wrong-pin?module-path=" + token.module() + "&pin-source=" + wrong;
        assertThatThrownBy(() -> Signers.discover().open(uri, noEnv()))
                .isInstanceOf(SigningException.class)
                .isNotInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("wrong PIN")
                .hasMessageNotContaining("00998877")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingTokenUnknownObjectAndMissingModuleAreBadReferences(SoftHsmToken token) {
        String missing = "pkcs11:token=no-such-token;object=x?module-path=" + token.module() + "&pin-source=" + token.pinFile();
        assertThatThrownBy(() -> Signers.discover().open(missing, noEnv()))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("no PKCS#11 token labelled 'no-such-token'")
                .hasMessageContaining(token.label())
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Signers.discover().open(token.uri("no-such-key"), noEnv()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("no signing key labelled 'no-such-key'");
        String noModule = "pkcs11:token=" + token.label() + ";object=x?module-path=/nonexistent/libp11.so";
        assertThatThrownBy(() -> Signers.discover().open(noModule, noEnv()))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("/nonexistent/libp11.so does not exist");
    }

    @Test
    void keygenRefusesDuplicatesAndEd25519(SoftHsmToken token) throws Exception {
        generate(token, "dup", KeyType.ECDSA_P256);
        assertThatThrownBy(() -> generate(token, "dup", KeyType.ECDSA_P256))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("already holds a key labelled 'dup'");
        assertThatThrownBy(() -> generate(token, "ed", KeyType.ED25519))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("ed25519");
    }

    @Test
    void listsKeysWithUrisThatOpenThem(SoftHsmToken token) throws Exception {
        generate(token, "listed", KeyType.ECDSA_P384);
        var keys = new Pkcs11KeyLister(Map.of()).list(token.module(), null, token.pinFile());
        TokenKey listed = keys.stream().filter(k -> k.label().equals("listed")).findFirst().orElseThrow();
        assertThat(listed.token()).isEqualTo(token.label());
        assertThat(listed.algorithm()).isEqualTo("PKIX_ECDSA_P384_SHA_384");
        assertThat(listed.uri()).isEqualTo("pkcs11:token=" + token.label() + ";object=listed?module-path=" + token.module());
        var env = new SecretSource(Map.of(TokenLogin.PIN_VARIABLE, token.pin()), SecretSource.PASSWORD_VARIABLE, null);
        try (Signer signer = Signers.discover().open(listed.uri(), env)) {
            assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
        }
    }

    @Test
    void selectsKeysByIdAsRfc7512Allows(SoftHsmToken token) throws Exception {
        var generated = generate(token, "by-id", KeyType.ECDSA_P256);
        generate(token, "other", KeyType.ECDSA_P256);
        SlotDirectory slots = new SlotDirectory(token.module());
        byte[] id = slots.certificateIds(slots.find(token.label()).slotId()).get("by-id");
        assertThat(id).isNotEmpty();
        String byId = "pkcs11:token=" + token.label() + ";id=" + Pkcs11Uri.encodeId(id) + "?module-path=" + token.module()
                + "&pin-source=" + token.pinFile();
        try (Signer signer = Signers.discover().open(byId, noEnv())) {
            assertThat(signer.publicKey()).isEqualTo(generated.publicKey());
            assertThat(signer.description()).contains("object=by-id").contains("id=" + Pkcs11Uri.encodeId(id));
            byte[] signature = signer.sign(MESSAGE);
            assertThat(verifies(signer.algorithm(), signer, signature)).isTrue();
        }
        String both = "pkcs11:token=" + token.label() + ";object=by-id;id=" + Pkcs11Uri.encodeId(id) + "?module-path=" + token.module()
                + "&pin-source=" + token.pinFile();
        try (Signer signer = Signers.discover().open(both, noEnv())) {
            assertThat(signer.publicKey()).isEqualTo(generated.publicKey());
        }
        String mismatch = both.replace("object=by-id", "object=other");
        assertThatThrownBy(() -> Signers.discover().open(mismatch, noEnv())).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("no key labelled 'other' with id=");
        String unknown = "pkcs11:token=" + token.label() + ";id=%DE%AD%BE%EF?module-path=" + token.module() + "&pin-source=" + token.pinFile();
        assertThatThrownBy(() -> Signers.discover().open(unknown, noEnv())).isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("holds no key with id=%DE%AD%BE%EF").hasMessageNotContaining(token.pin());
    }
}
