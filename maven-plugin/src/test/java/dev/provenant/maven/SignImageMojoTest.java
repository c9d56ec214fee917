package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sign-image refuses before it opens a key or asks a registry anything: no Jib output, an image Jib did not
 * push, provenance asked for without the provenance goal's statement, a time limit out of range.
 */
class SignImageMojoTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private SignImageMojo mojo() {
        SignImageMojo mojo = new SignImageMojo();
        MavenProject project = new MavenProject();
        project.setGroupId("org.example");
        project.setArtifactId("demo");
        project.setVersion("1.0");
        Build build = new Build();
        build.setDirectory(dir.toString());
        project.setBuild(build);
        mojo.project = project;
        mojo.jibImageJson = dir.resolve("jib-image.json").toFile();
        mojo.jibImageDigest = dir.resolve("jib-image.digest").toFile();
        mojo.registryTimeout = 30;
        return mojo;
    }

    private void jib(boolean pushed) throws Exception {
        Files.writeString(dir.resolve("jib-image.json"), "{\"image\":\"127.0.0.1:5000/demo\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[\"latest\"],\"imagePushed\":" + pushed + "}");
    }

    @Test
    void withoutJibsFilesItSaysToRunJibBuild() {
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("Jib wrote neither").hasMessageContaining("run jib:build");
    }

    @Test
    void anUnpushedImageIsRefused() throws Exception {
        jib(false);
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("imagePushed is false");
    }

    @Test
    void theDigestFileAloneNeedsTheImage() throws Exception {
        Files.writeString(dir.resolve("jib-image.digest"), DIGEST);
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("does not name the image");
    }

    @Test
    void provenanceNeedsTheProvenanceGoalsStatement() throws Exception {
        jib(true);
        SignImageMojo mojo = mojo();
        mojo.attestProvenance = true;
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("run the provenance goal before sign-image");
    }

    @Test
    void aTimeLimitOutOfRangeIsRefused() throws Exception {
        jib(true);
        SignImageMojo mojo = mojo();
        mojo.registryTimeout = 0;
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<registryTimeout> is 1 to 3600 seconds");
    }

    @Test
    void withoutAKeyItSaysWhichToConfigure() throws Exception {
        jib(true);
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("no signing key");
    }
}
