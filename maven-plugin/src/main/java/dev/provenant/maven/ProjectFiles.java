package dev.provenant.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * The files a project publishes and where their evidence goes, named as in a repository. Bundles are
 * attached as {@code EXT.sigstore.json} with the artifact's classifier, the layout Maven Central accepts
 * (sigstore-maven-plugin's); the POM's bundle goes to the build directory, never beside pom.xml.
 */
final class ProjectFiles {
    static final String BUNDLE_SUFFIX = ".sigstore.json";
    /**
     * The suffix of bundles the public-good instance's checks would reject: key-signed ones, and keyless ones
     * from another Sigstore instance. Maven Central validates every {@code FILE.sigstore.json} of a deployment
     * against the public-good instance, where such a bundle reads as an invalid signature, so they are
     * attached as {@code FILE.provenant-bundle.json} instead.
     */
    static final String OWN_BUNDLE_SUFFIX = ".provenant-bundle.json";
    /** The type of the unsigned provenance statement attached by the provenance goal. */
    static final String STATEMENT_TYPE = "intoto.json";
    /** The type of the signed provenance bundle attached by the sign goal. */
    static final String PROVENANCE_BUNDLE_TYPE = "provenance.sigstore.json";
    /** The signed provenance bundle's type when it is not a public-good keyless bundle. */
    static final String OWN_PROVENANCE_BUNDLE_TYPE = "provenance.provenant-bundle.json";

    private final MavenProject project;

    ProjectFiles(MavenProject project) {
        this.project = project;
    }

    /** The main artifact (when it is a file), each attached artifact that is not evidence, and the POM. */
    List<ProjectFile> published() {
        List<ProjectFile> files = new ArrayList<>();
        Path pom = project.getFile() == null ? null : project.getFile().toPath();
        Artifact main = project.getArtifact();
        if (main != null && main.getFile() != null && main.getFile().isFile() && (pom == null || !main.getFile().toPath().equals(pom))) {
            files.add(of(main.getFile().toPath(), extension(main), main.getClassifier()));
        }
        for (Artifact attached : List.copyOf(project.getAttachedArtifacts())) {
            String ext = extension(attached);
            if (attached.getFile() == null || !attached.getFile().isFile() || isEvidence(ext)) {
                continue;
            }
            files.add(of(attached.getFile().toPath(), ext, attached.getClassifier()));
        }
        if (pom != null && Files.isRegularFile(pom)) {
            String name = project.getArtifactId() + "-" + project.getVersion() + ".pom";
            files.add(new ProjectFile(pom, "pom", "", name, buildDirectory().resolve(name + BUNDLE_SUFFIX)));
        }
        return files;
    }

    /** The unsigned provenance statement attached by the provenance goal, if any. */
    Optional<Path> statement() {
        for (Artifact attached : List.copyOf(project.getAttachedArtifacts())) {
            if (STATEMENT_TYPE.equals(extension(attached)) && attached.getFile() != null && attached.getFile().isFile()) {
                return Optional.of(attached.getFile().toPath());
            }
        }
        return Optional.empty();
    }

    Path statementFile() {
        return buildDirectory().resolve(finalName() + "." + STATEMENT_TYPE);
    }

    Path provenanceBundle() {
        return buildDirectory().resolve(finalName() + "." + PROVENANCE_BUNDLE_TYPE);
    }

    /** Where the sign goal writes the provenance bundle: its public-good name, or its own name. */
    Path provenanceBundle(boolean publicGood) {
        return buildDirectory().resolve(finalName() + "." + (publicGood ? PROVENANCE_BUNDLE_TYPE : OWN_PROVENANCE_BUNDLE_TYPE));
    }

    /** The provenance bundle the sign goal wrote, under either name (the public-good one when both exist). */
    Path existingProvenanceBundle() {
        Path own = provenanceBundle(false);
        return !Files.isRegularFile(provenanceBundle()) && Files.isRegularFile(own) ? own : provenanceBundle();
    }

    Path buildDirectory() {
        return Path.of(project.getBuild().getDirectory());
    }

    private String finalName() {
        String name = project.getBuild().getFinalName();
        return name == null || name.isEmpty() ? project.getArtifactId() + "-" + project.getVersion() : name;
    }

    private ProjectFile of(Path file, String extension, String classifier) {
        String c = classifier == null ? "" : classifier;
        String name = project.getArtifactId() + "-" + project.getVersion() + (c.isEmpty() ? "" : "-" + c) + "." + extension;
        return new ProjectFile(file, extension, c, name, file.resolveSibling(file.getFileName() + BUNDLE_SUFFIX));
    }

    private static boolean isEvidence(String extension) {
        return extension.endsWith(BUNDLE_SUFFIX) || extension.endsWith(OWN_BUNDLE_SUFFIX) || extension.equals(STATEMENT_TYPE)
                || extension.endsWith(".asc");
    }

    static String extension(Artifact a) {
        if (a.getArtifactHandler() != null && a.getArtifactHandler().getExtension() != null) {
            return a.getArtifactHandler().getExtension();
        }
        return a.getType();
    }
}
