package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trusted root a verification uses, the same in both front ends. */
class RootSelectionTest {
    @TempDir
    Path dir;

    private Map<String, String> emptyCache() {
        return Map.of("PROVENANT_CACHE_DIR", dir.resolve("cache").toString());
    }

    @Test
    void aNamedRootIsParsedAtOnceAndNamedOnlyOnceUsed() throws Exception {
        Path file = Files.write(dir.resolve("trusted_root.json"), TrustedRoot.publicGoodJson());
        RootSelection root = RootSelection.of(file, emptyCache());
        assertThat(root.source()).isEmpty();
        assertThat(root.fingerprint()).isEqualTo(new ArtifactDigester().digest(file, DigestAlgorithm.SHA256).toString());
        assertThat(root.get()).isNotNull();
        assertThat(root.source()).contains("trusted root " + file);
    }

    @Test
    void aNamedFileThatIsNoTrustedRootFailsBeforeAnyBundleIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"mediaType\": 1}");
        assertThatThrownBy(() -> RootSelection.of(file, emptyCache())).isInstanceOf(SetupException.class)
                .hasMessageStartingWith("trusted root " + file + ": ");
        assertThatThrownBy(() -> RootSelection.of(dir.resolve("missing.json"), emptyCache())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void withoutAFileThePublicGoodRootIsChosenLazilyAndSaysWhereItCameFrom() throws Exception {
        RootSelection root = RootSelection.of(null, emptyCache());
        assertThat(root.source()).isEmpty();
        assertThat(root.fingerprint()).isEqualTo("sha256:" + java.util.HexFormat.of()
                .formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(TrustedRoot.publicGoodJson())));
        assertThat(root.source()).as("a fingerprint does not use the root").isEmpty();
        assertThat(root.get()).isNotNull();
        assertThat(root.source()).hasValueSatisfying(s -> assertThat(s).startsWith("public-good root shipped with Provenant"));
    }
}
