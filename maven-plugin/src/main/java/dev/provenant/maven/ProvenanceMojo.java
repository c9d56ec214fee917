package dev.provenant.maven;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.slsa.MavenArtifactDescriptor;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Profile;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * Writes SLSA v1 provenance for the project's artifacts: the main and attached artifacts and the POM as
 * subjects; the resolved dependency graph (package URL, repository and SHA-256 of each) as
 * {@code resolvedDependencies}; the CI system from the same detectors as {@code provenant provenance};
 * and the Maven goals, active profiles, JDK and Maven versions as internal parameters. The statement is
 * attached as {@code FINALNAME.intoto.json}; the {@code sign} goal turns it into a signed bundle.
 */
@Mojo(name = "provenance", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class ProvenanceMojo extends ProvenantMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Skip this goal. */
    @Parameter(property = "provenant.provenance.skip", defaultValue = "false")
    boolean skip;

    /** Skip every Provenant goal. */
    @Parameter(property = "provenant.skip", defaultValue = "false")
    boolean skipAll;

    /** Replaces the detected {@code runDetails.builder.id}, for builders the CI detectors do not know. */
    @Parameter(property = "provenant.builderId")
    String builderId;

    /** Replaces the detected {@code buildDefinition.buildType}. */
    @Parameter(property = "provenant.buildType")
    String buildType;

    @Component
    MavenProjectHelper projectHelper;

    @Component
    RepositorySystem repositorySystem;

    @Component
    RuntimeInformation runtime;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipAll) {
            getLog().info("Skipping provenance");
            return;
        }
        checkParameters();
        ProjectFiles files = new ProjectFiles(project);
        ArtifactDigester digester = new ArtifactDigester();
        try {
            List<ResourceDescriptor> subjects = new ArrayList<>();
            for (ProjectFile f : files.published()) {
                subjects.add(ResourceDescriptor.of(f.repositoryName(), digester.digest(f.file(), DigestAlgorithm.SHA256)));
            }
            if (subjects.isEmpty()) {
                throw new MojoExecutionException("the project has no artifact file to describe; run the provenance goal after package");
            }
            BuildEnvironment environment = CiDetection.discover()
                    .detect(Environment.ofProcess(), project.getBasedir().toPath())
                    .withInternalParameter("maven", mavenParameters());
            Statement statement = new ProvenanceGenerator().generate(subjects, environment, dependencies(digester),
                    new ProvenanceGenerator.Overrides(Optional.ofNullable(blankToNull(builderId)), Optional.ofNullable(blankToNull(buildType))),
                    Instant.now());
            Path out = files.statementFile();
            Files.createDirectories(out.getParent());
            AtomicFile.write(out, statement.toJson(), AtomicFile.PUBLIC);
            projectHelper.attachArtifact(project, ProjectFiles.STATEMENT_TYPE, null, out.toFile());
            getLog().info("Provenance for " + subjects.size() + " artifact(s) built on " + environment.system() + ": " + out);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write provenance: " + e.getMessage(), e);
        }
    }

    private List<ResourceDescriptor> dependencies(ArtifactDigester digester) throws IOException {
        ArtifactOrigins origins = new ArtifactOrigins(repositorySystem, session.getRepositorySession());
        List<Artifact> artifacts = new ArrayList<>(project.getArtifacts());
        artifacts.sort(Comparator.comparing(Artifact::getId));
        List<ResourceDescriptor> out = new ArrayList<>();
        for (Artifact a : artifacts) {
            if (a.getFile() == null || !a.getFile().isFile()) {
                continue; // a reactor module resolved to its classes directory: its own build describes it
            }
            String ext = ProjectFiles.extension(a);
            var origin = origins.of(new DefaultArtifact(a.getGroupId(), a.getArtifactId(), a.getClassifier(), ext, a.getVersion()),
                    project.getRemoteProjectRepositories());
            out.add(new MavenArtifactDescriptor(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getClassifier(), ext,
                    ArtifactOrigins.url(origin).orElse("")).describe(digester.digest(a.getFile().toPath(), DigestAlgorithm.SHA256)));
        }
        return out;
    }

    /** The effective build parameters; user properties are left out, as they may hold secrets. */
    private ObjectNode mavenParameters() {
        ObjectNode maven = JsonNodeFactory.instance.objectNode();
        maven.put("version", runtime.getMavenVersion());
        ArrayNode goals = maven.putArray("goals");
        session.getGoals().forEach(goals::add);
        ArrayNode profiles = maven.putArray("activeProfiles");
        for (Profile p : project.getActiveProfiles()) {
            profiles.add(p.getId());
        }
        maven.put("project", project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
        maven.put("offline", session.isOffline());
        ObjectNode jdk = maven.putObject("jdk");
        jdk.put("version", System.getProperty("java.version"));
        jdk.put("vendor", System.getProperty("java.vendor"));
        return maven;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
