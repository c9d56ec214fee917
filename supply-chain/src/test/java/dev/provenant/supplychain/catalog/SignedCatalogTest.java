package dev.provenant.supplychain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog is used only when its bundle verifies for its very bytes under the configured key. */
class SignedCatalogTest {
    static FileKeySigner key;
    static FileKeySigner otherKey;

    @BeforeAll
    static void keys() throws Exception {
        key = new FileKeySigner(KeyType.ECDSA_P256.generate(), "catalog key");
        otherKey = new FileKeySigner(KeyType.ECDSA_P256.generate(), "other key");
    }

    static BundleVerifier verifier() {
        return new BundleVerifier(new ArtifactDigester(), () -> {
            throw new IllegalStateException("a key-signed bundle needs no trusted root");
        }, Clock.systemUTC());
    }

    static Path signed(Path dir, String json, FileKeySigner signer) throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.json"), json);
        Files.write(SignedCatalog.bundleOf(catalog), new BundleSigner(signer, new ArtifactDigester()).signArtifact(catalog).toJson());
        return catalog;
    }

    @Test
    void aCatalogSignedWithTheKeyIsRead(@TempDir Path dir) throws Exception {
        Path catalog = signed(dir, DependencyCatalogTest.CATALOG, key);
        assertThat(SignedCatalog.bundleOf(catalog).getFileName().toString()).isEqualTo("catalog.json.sigstore.json");
        SignedCatalog read = SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(key.publicKey()));
        assertThat(read.catalog().components()).hasSize(3);
        assertThat(read.sha256()).hasSize(64);
    }

    @Test
    void aCatalogSignedWithAP384OrEd25519KeyIsRead(@TempDir Path dir) throws Exception {
        // P-384 signs a SHA-384 digest, Ed25519 the whole file: both verify over the bytes read
        for (KeyType type : new KeyType[] {KeyType.ECDSA_P384, KeyType.ED25519}) {
            FileKeySigner signer = new FileKeySigner(type.generate(), type.name());
            Path catalog = signed(Files.createDirectories(dir.resolve(type.name())), DependencyCatalogTest.CATALOG, signer);
            assertThat(SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(signer.publicKey())).catalog().components())
                    .as(type.name()).hasSize(3);
            Files.writeString(catalog, DependencyCatalogTest.CATALOG.replace("[32.0,34)", "[0,)"));
            assertThatThrownBy(() -> SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(signer.publicKey())))
                    .as(type.name()).isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
        }
    }

    @Test
    void aTamperedCatalogIsRefused(@TempDir Path dir) throws Exception {
        Path catalog = signed(dir, DependencyCatalogTest.CATALOG, key);
        // weakened after signing: every version of guava approved
        Files.writeString(catalog, DependencyCatalogTest.CATALOG.replace("[32.0,34)", "[0,)"));
        assertThatThrownBy(() -> SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(key.publicKey())))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT_DIGEST))
                .hasMessageContaining("catalog " + catalog + ": its bundle catalog.json.sigstore.json does not verify");
    }

    @Test
    void aCatalogSignedWithAnotherKeyIsRefused(@TempDir Path dir) throws Exception {
        Path catalog = signed(dir, DependencyCatalogTest.CATALOG.replace("[32.0,34)", "[0,)"), otherKey);
        assertThatThrownBy(() -> SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(key.publicKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aCatalogWithoutItsBundleIsRefused(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.json"), DependencyCatalogTest.CATALOG);
        assertThatThrownBy(() -> SignedCatalog.read(catalog, verifier(), VerificationPolicy.ofKey(key.publicKey())))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.BUNDLE_FORMAT))
                .hasMessageContaining("has no bundle catalog.json.sigstore.json beside it");
    }
}
