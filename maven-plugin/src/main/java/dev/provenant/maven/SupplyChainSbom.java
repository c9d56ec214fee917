package dev.provenant.maven;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.frontend.Failure;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.DependencyVerdict;
import dev.provenant.supplychain.catalog.DeclaredLicense;
import dev.provenant.supplychain.catalog.PomLicenses;
import dev.provenant.supplychain.catalog.SpdxLicenses;
import dev.provenant.supplychain.sbom.CycloneDxSbom;
import dev.provenant.supplychain.sbom.SbomComponent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * verify-dependencies' SBOM wiring: each verified artifact's file (from the local repository, where the build took
 * it), its SHA-256 and its POM's licenses, handed to the supply-chain module's CycloneDX writer and written atomically.
 */
final class SupplyChainSbom {
    private SupplyChainSbom() {}

    static void write(AbstractDependencyMojo mojo, List<DependencyVerdict> verdicts, File sbom, Map<String, String> licenseNames)
            throws MojoExecutionException {
        ArtifactDigester digester = new ArtifactDigester();
        List<SbomComponent> components = new ArrayList<>();
        for (DependencyVerdict v : verdicts) {
            Coordinates c = v.coordinates();
            Path file = resolve(mojo, c.groupId() + ":" + c.artifactId() + ":" + c.extension() + ":" + c.classifier() + ":" + c.version())
                    .orElseThrow(() -> new MojoExecutionException("SBOM: cannot resolve " + c + " to hash it"));
            List<SbomComponent.License> licenses = new ArrayList<>();
            Optional<Path> pom = resolve(mojo, c.groupId() + ":" + c.artifactId() + ":pom::" + c.version());
            if (pom.isPresent()) {
                try {
                    for (DeclaredLicense l : PomLicenses.effective(pom.get(),
                            gav -> resolve(mojo, gav.replaceFirst("^([^:]+:[^:]+):", "$1:pom::")))) {
                        licenses.add(SpdxLicenses.idOf(l, licenseNames).map(SbomComponent.License::spdx)
                                .orElse(SbomComponent.License.named(l.describe())));
                    }
                } catch (FormatException e) {
                    mojo.getLog().warn(ProvenantMojo.safe("SBOM: the licenses of " + c + " are left out: " + e.getMessage()));
                } catch (IOException e) {
                    mojo.getLog().warn(ProvenantMojo.safe("SBOM: the licenses of " + c + " are left out: " + Failure.describe(e)));
                }
            }
            try {
                components.add(new SbomComponent(c, digester.digest(file, DigestAlgorithm.SHA256).hex(), licenses));
            } catch (IOException e) {
                throw new MojoExecutionException(ProvenantMojo.safe("SBOM: cannot hash " + file + ": " + Failure.describe(e)), e);
            }
        }
        Coordinates subject = new Coordinates(mojo.project.getGroupId(), mojo.project.getArtifactId(), mojo.project.getVersion(), "",
                ProjectFiles.extension(mojo.project.getArtifact()));
        byte[] bytes = CycloneDxSbom.write(subject, components, Instant.now(), UUID.randomUUID());
        try {
            Path parent = sbom.toPath().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFile.write(sbom.toPath(), bytes, AtomicFile.PUBLIC);
        } catch (IOException e) {
            throw new MojoExecutionException(ProvenantMojo.safe("cannot write the SBOM " + sbom + ": " + Failure.describe(e)), e);
        }
        mojo.getLog().info("SBOM: " + components.size() + " verified component(s) written to " + sbom
                + " (CycloneDX 1.6; attest it with predicate type " + CycloneDxSbom.PREDICATE_TYPE + ")");
    }

    /** {@code GROUP:ARTIFACT:EXTENSION:CLASSIFIER:VERSION} from the local repository or the project's repositories. */
    private static Optional<Path> resolve(AbstractDependencyMojo mojo, String coords) {
        String[] p = coords.split(":", -1);
        if (p.length != 5) {
            return Optional.empty();
        }
        try {
            var a = mojo.repositorySystem.resolveArtifact(mojo.session.getRepositorySession(),
                    new ArtifactRequest(new DefaultArtifact(p[0], p[1], p[3], p[2], p[4]), mojo.project.getRemoteProjectRepositories(), null))
                    .getArtifact();
            return a.getFile() == null ? Optional.empty() : Optional.of(a.getFile().toPath());
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
