package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.slsa.ProvenancePredicate;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify goal's provenance check, key-signed: the bundle at the provenance path must be a signed
 * SLSA provenance statement, which the library enforces; a plain signature copied there is refused.
 */
class VerifyGoalPolicyTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");

    @TempDir
    Path dir;

    private static BundleSigner signer() throws Exception {
        return new BundleSigner(new FileKeyProvider().open(KEYS.resolve("ec-p256-sec1.pem").toString(),
                new SecretSource(Map.of(), "X", null)), new ArtifactDigester());
    }

    @Test
    void aMessageSignatureInPlaceOfTheProvenanceIsRefused() throws Exception {
        for (boolean withJar : new boolean[] {false, true}) {
            MavenProject project = project("copied-" + withJar, withJar);
            ProjectFiles files = signAll(project);
            // the POM's own signature, copied where the provenance belongs
            Files.copy(files.published().get(files.published().size() - 1).bundle(), files.provenanceBundle(),
                    StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> verifyGoal(project).execute()).as("with jar: " + withJar)
                    .isInstanceOf(MojoFailureException.class).hasMessageContaining("provenance")
                    .hasMessageContaining("predicate type");
        }
    }

    @Test
    void aSignedProvenanceStatementPasses() throws Exception {
        MavenProject project = project("real", true);
        ProjectFiles files = signAll(project);
        List<ResourceDescriptor> subjects = new ArrayList<>();
        for (ProjectFile f : files.published()) {
            subjects.add(ResourceDescriptor.of(f.repositoryName(), new ArtifactDigester().digest(f.file(), DigestAlgorithm.SHA256)));
        }
        Statement provenance = Statement.of(subjects, ProvenancePredicate.TYPE, JsonNodeFactory.instance.objectNode());
        AtomicFile.write(files.provenanceBundle(), signer().attest(provenance).toJson(), AtomicFile.PUBLIC);
        assertThatCode(() -> verifyGoal(project).execute()).doesNotThrowAnyException();

        Statement other = Statement.of(subjects, "https://example.com/test-result/v1", JsonNodeFactory.instance.objectNode());
        AtomicFile.write(files.provenanceBundle(), signer().attest(other).toJson(), AtomicFile.PUBLIC);
        assertThatThrownBy(() -> verifyGoal(project).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("predicate type");
    }

    private static ProjectFiles signAll(MavenProject project) throws Exception {
        ProjectFiles files = new ProjectFiles(project);
        BundleSigner signer = signer();
        for (ProjectFile f : files.published()) {
            AtomicFile.write(f.bundle(), signer.signArtifact(f.file()).toJson(), AtomicFile.PUBLIC);
        }
        return files;
    }

    private static VerifyMojo verifyGoal(MavenProject project) {
        VerifyMojo mojo = new VerifyMojo();
        mojo.project = project;
        mojo.publicKey = KEYS.resolve("ec-p256.pub").toFile();
        mojo.requireProvenance = true;
        return mojo;
    }

    /** A built project: its POM, its build directory and, unless it is a POM-only project, its jar. */
    private MavenProject project(String name, boolean withJar) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        Path target = Files.createDirectories(base.resolve("target"));
        Path pom = Files.writeString(base.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>demo</artifactId><version>1.0</version></project>\n");
        MavenProject project = new MavenProject();
        project.setGroupId("org.example");
        project.setArtifactId("demo");
        project.setVersion("1.0");
        project.setFile(pom.toFile());
        project.getBuild().setDirectory(target.toString());
        project.getBuild().setFinalName("demo-1.0");
        if (withJar) {
            Path jar = Files.writeString(target.resolve("demo-1.0.jar"), "jar bytes of " + name + "\n");
            DefaultArtifact artifact = new DefaultArtifact("org.example", "demo", "1.0", "compile", "jar", null,
                    new DefaultArtifactHandler("jar"));
            artifact.setFile(jar.toFile());
            project.setArtifact(artifact);
        }
        return project;
    }
}
