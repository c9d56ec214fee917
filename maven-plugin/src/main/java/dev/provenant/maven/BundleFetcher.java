package dev.provenant.maven;

import dev.provenant.verifier.dependency.BundleLookup;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * Fetches the Sigstore bundle published beside an artifact through Maven's resolver: the same
 * coordinates with the extension {@code EXT.sigstore.json}, from the remote repository the artifact
 * itself came from. The resolver's local repository, update policy and mirror settings apply, so a
 * bundle (or its absence) is looked up remotely once and then answered locally.
 */
final class BundleFetcher {
    private final RepositorySystem system;
    private final RepositorySystemSession session;

    BundleFetcher(RepositorySystem system, RepositorySystemSession session) {
        this.system = system;
        this.session = session;
    }

    BundleLookup fetch(Artifact artifact, ArtifactOrigins.Origin origin, List<RemoteRepository> allRepositories) {
        Artifact bundle = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), artifact.getClassifier(),
                artifact.getExtension() + ProjectFiles.BUNDLE_SUFFIX, artifact.getVersion());
        List<RemoteRepository> repositories = origin instanceof ArtifactOrigins.Remote r ? List.of(r.repository()) : allRepositories;
        try {
            ArtifactResult result = system.resolveArtifact(session, new ArtifactRequest(bundle, repositories, null));
            return new BundleLookup.Found(result.getArtifact().getFile().toPath());
        } catch (ArtifactResolutionException e) {
            List<Exception> causes = e.getResult() == null ? List.of() : e.getResult().getExceptions();
            boolean notFound = !causes.isEmpty() && causes.stream().allMatch(c -> c instanceof ArtifactNotFoundException);
            if (notFound) {
                return new BundleLookup.NotPublished();
            }
            String reason = causes.isEmpty() ? e.getMessage() : causes.get(0).getMessage();
            return new BundleLookup.Failed(firstLine(reason));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "the repository could not be asked";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
