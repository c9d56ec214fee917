package dev.provenant.maven;

import java.util.List;
import java.util.Optional;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Where Maven's resolver says an artifact came from. Asking for an artifact that is already in the local
 * repository does not go to the network; the answer is the remote repository it was downloaded from,
 * which is where its bundle is looked for too.
 */
final class ArtifactOrigins {
    /** The repository an artifact was resolved from: a remote one, this reactor, or only the local repository. */
    sealed interface Origin permits Remote, Reactor, LocalOnly {}

    record Remote(RemoteRepository repository) implements Origin {}

    record Reactor() implements Origin {}

    record LocalOnly() implements Origin {}

    private final RepositorySystem system;
    private final RepositorySystemSession session;

    ArtifactOrigins(RepositorySystem system, RepositorySystemSession session) {
        this.system = system;
        this.session = session;
    }

    Origin of(Artifact artifact, List<RemoteRepository> repositories) {
        ArtifactResult result;
        try {
            result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null));
        } catch (ArtifactResolutionException e) {
            return new LocalOnly();
        }
        ArtifactRepository repository = result.getRepository();
        if (repository instanceof WorkspaceRepository) {
            return new Reactor();
        }
        if (repository instanceof RemoteRepository remote) {
            // the session's mirror and proxy settings were applied when it was resolved
            return new Remote(remote);
        }
        return new LocalOnly();
    }

    static Optional<String> url(Origin origin) {
        return origin instanceof Remote r ? Optional.of(r.repository().getUrl()) : Optional.empty();
    }
}
