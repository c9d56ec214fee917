package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-dependencies' catalog settings: the catalog is used only verified, and its trust settings must be given once. */
class SupplyChainCatalogTest {
    static final String CATALOG = "{\"catalogVersion\": 1, \"licenses\": [\"MIT\"], \"components\": []}";

    @TempDir
    Path dir;

    static SupplyChainCatalog.Settings settings(File catalog, File key, String identity, String issuer, File osv) {
        return new SupplyChainCatalog.Settings(catalog, key, identity, null, issuer, null, null, osv);
    }

    private File signedCatalog(FileKeySigner signer) throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.json"), CATALOG);
        Files.write(dir.resolve("catalog.json.sigstore.json"), new BundleSigner(signer, new ArtifactDigester()).signArtifact(catalog).toJson());
        return catalog.toFile();
    }

    private File publicKey(FileKeySigner signer, String name) throws Exception {
        return Files.writeString(dir.resolve(name), PemPublicKeys.toPem(signer.publicKey())).toFile();
    }

    @Test
    void withoutACatalogNothingIsChecked() throws Exception {
        assertThat(SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(null, null, null, null, null))).isEmpty();
        assertThatThrownBy(() -> SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(null, null, null, null, dir.toFile())))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("<osv> and <catalogKey> need a <catalog>");
    }

    @Test
    void aCatalogNeedsExactlyOneWayToVerifyIt() throws Exception {
        FileKeySigner signer = new FileKeySigner(KeyType.ECDSA_P256.generate(), "catalog key");
        File catalog = signedCatalog(signer);
        assertThatThrownBy(() -> SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(catalog, null, null, null, null)))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("give <catalogKey>");
        File key = publicKey(signer, "catalog.pub");
        assertThatThrownBy(() -> SupplyChainCatalog.load(new VerifyDependenciesMojo(),
                settings(catalog, key, "someone@example.com", "https://issuer.example", null)))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("not both");
        assertThat(SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(catalog, key, null, null, null))).isPresent();
    }

    @Test
    void aCatalogSignedByAnotherKeyOrChangedAfterSigningIsRefused() throws Exception {
        FileKeySigner signer = new FileKeySigner(KeyType.ECDSA_P256.generate(), "catalog key");
        File catalog = signedCatalog(signer);
        File other = publicKey(new FileKeySigner(KeyType.ECDSA_P256.generate(), "other"), "other.pub");
        assertThatThrownBy(() -> SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(catalog, other, null, null, null)))
                .isInstanceOf(MojoFailureException.class).hasMessageStartingWith("catalog refused: ");
        File key = publicKey(signer, "catalog.pub");
        Files.writeString(catalog.toPath(), CATALOG.replace("[\"MIT\"]", "[\"MIT\", \"GPL-3.0-only\"]"));
        assertThatThrownBy(() -> SupplyChainCatalog.load(new VerifyDependenciesMojo(), settings(catalog, key, null, null, null)))
                .isInstanceOf(MojoFailureException.class).hasMessageStartingWith("catalog refused: artifact digest: ");
    }
}
