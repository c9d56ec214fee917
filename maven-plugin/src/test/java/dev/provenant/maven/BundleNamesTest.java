package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only public-good keyless bundles take the name Maven Central checks; the verify goal finds either name. */
class BundleNamesTest {
    @TempDir
    Path dir;

    @Test
    void keySignedAndPrivateInstanceBundlesHaveTheirOwnName() throws Exception {
        Path jar = Files.writeString(dir.resolve("demo-1.0.jar"), "jar");
        ProjectFile f = new ProjectFile(jar, "jar", "", "demo-1.0.jar", dir.resolve("demo-1.0.jar.sigstore.json"));
        assertThat(f.bundle(true).getFileName().toString()).isEqualTo("demo-1.0.jar.sigstore.json");
        assertThat(f.bundleType(true)).isEqualTo("jar.sigstore.json");
        assertThat(f.bundle(false).getFileName().toString()).isEqualTo("demo-1.0.jar.provenant-bundle.json");
        assertThat(f.bundleType(false)).isEqualTo("jar.provenant-bundle.json").doesNotEndWith(".sigstore.json");

        // the verify goal: the public-good name when it is there, else the bundle's own name
        assertThat(f.existingBundle()).isEqualTo(f.bundle(true));
        Files.writeString(f.bundle(false), "{}");
        assertThat(f.existingBundle()).isEqualTo(f.bundle(false));
        Files.writeString(f.bundle(true), "{}");
        assertThat(f.existingBundle()).isEqualTo(f.bundle(true));
    }
}
