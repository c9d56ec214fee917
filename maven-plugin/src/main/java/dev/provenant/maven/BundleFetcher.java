package dev.provenant.maven;

import dev.provenant.supplychain.BundleLookup;
import java.util.List;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicyRequest;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * Fetches the Sigstore bundle published beside an artifact through Maven's resolver: the same
 * coordinates with the extension {@code EXT.sigstore.json}, from the remote repository the artifact
 * itself came from. The resolver's local repository, mirror, proxy and authentication settings apply, so
 * a bundle downloaded once is answered locally from then on.
 *
 * <p>Only a repository's own "not found", asked now and online, counts as "no bundle is published": the
 * lookup does not take a "not found" the resolver remembers from an earlier attempt (a {@code .lastUpdated}
 * file anyone who can write the local repository could plant), and offline, a resolution error, a blocked
 * or unreachable repository all leave the state {@link BundleLookup.Unknown}.
 */
final class BundleFetcher {
    static final String OFFLINE_REMEDY = "run `mvn provenant:go-offline` while online (or build online once)";
    static final String FAILURE_REMEDY = "build online once the repository can be reached, or run `mvn provenant:go-offline` then";

    /** A resolver message is cut to this many characters, to stay one readable line. */
    static final int MAX_REASON_CHARS = 300;

    private final RepositorySystem system;
    private final RepositorySystemSession session;

    BundleFetcher(RepositorySystem system, RepositorySystemSession session) {
        this.system = system;
        this.session = askingAfresh(session);
    }

    /**
     * The bundle under its public-good name ({@code EXT.sigstore.json}) or under the name the sign goal gives
     * key-signed and private-instance bundles ({@code EXT.provenant-bundle.json}), the latter first for a rule that
     * names a key; whichever is found is the answer, even when the other's state is unknown (an in-house artifact
     * installed locally has its own bundle beside it, and no repository to say its {@code .sigstore.json} does not
     * exist). Not published only when the repository says so for both; otherwise unknown.
     */
    BundleLookup fetch(Artifact artifact, ArtifactOrigins.Origin origin, List<RemoteRepository> allRepositories, boolean keySigned) {
        String first = keySigned ? ProjectFiles.OWN_BUNDLE_SUFFIX : ProjectFiles.BUNDLE_SUFFIX;
        String second = keySigned ? ProjectFiles.BUNDLE_SUFFIX : ProjectFiles.OWN_BUNDLE_SUFFIX;
        return either(fetch(artifact, first, origin, allRepositories), () -> fetch(artifact, second, origin, allRepositories));
    }

    /**
     * One answer from the lookups of a bundle's two names: the first found (the second is not asked when the first is
     * found); not published only when both say so; otherwise the first unknown state.
     */
    static BundleLookup either(BundleLookup one, java.util.function.Supplier<BundleLookup> second) {
        if (one instanceof BundleLookup.Found) {
            return one;
        }
        BundleLookup other = second.get();
        if (other instanceof BundleLookup.Found) {
            return other;
        }
        return one instanceof BundleLookup.Unknown ? one : other;
    }

    private BundleLookup fetch(Artifact artifact, String suffix, ArtifactOrigins.Origin origin, List<RemoteRepository> allRepositories) {
        Artifact bundle = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), artifact.getClassifier(),
                artifact.getExtension() + suffix, artifact.getVersion());
        List<RemoteRepository> repositories = origin instanceof ArtifactOrigins.Remote r ? List.of(r.repository()) : allRepositories;
        try {
            ArtifactResult result = system.resolveArtifact(session, new ArtifactRequest(bundle, repositories, null));
            return new BundleLookup.Found(result.getArtifact().getFile().toPath());
        } catch (ArtifactResolutionException e) {
            return classify(e, session.isOffline());
        } catch (RuntimeException e) {
            return new BundleLookup.Unknown("the resolver failed: " + oneLine(e.toString()), FAILURE_REMEDY);
        }
    }

    /**
     * What a failed bundle resolution establishes: {@link BundleLookup.NotPublished} only when every repository
     * asked answered "not found" just now, online; anything else is {@link BundleLookup.Unknown}.
     */
    static BundleLookup classify(ArtifactResolutionException e, boolean offline) {
        List<Exception> causes = e.getResult() == null ? List.of() : e.getResult().getExceptions();
        if (offline || causes.stream().anyMatch(BundleFetcher::isOffline)) {
            return new BundleLookup.Unknown("offline, and its bundle is not in the local repository", OFFLINE_REMEDY);
        }
        if (!causes.isEmpty() && causes.stream().allMatch(BundleFetcher::isFreshNotFound)) {
            return new BundleLookup.NotPublished();
        }
        String reason = causes.isEmpty() ? e.getMessage() : causes.get(0).getMessage();
        return new BundleLookup.Unknown("the repository gave no answer on its bundle: " + oneLine(reason), FAILURE_REMEDY);
    }

    private static boolean isFreshNotFound(Exception e) {
        // a remote repository's own answer: not remembered from earlier, not made up because none was asked
        return e instanceof ArtifactNotFoundException notFound && notFound.getRepository() != null && !notFound.isFromCache();
    }

    private static boolean isOffline(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RepositoryOfflineException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The build's resolver session, except that a "not found" is neither remembered nor answered from memory:
     * every missing bundle is asked for again (a found one is kept in the local repository as usual).
     */
    static RepositorySystemSession askingAfresh(RepositorySystemSession session) {
        DefaultRepositorySystemSession copy = new DefaultRepositorySystemSession(session);
        copy.setResolutionErrorPolicy(NO_REMEMBERED_FAILURES);
        copy.setConfigProperty("aether.updateCheckManager.sessionState", "bypass");
        return copy;
    }

    private static final ResolutionErrorPolicy NO_REMEMBERED_FAILURES = new ResolutionErrorPolicy() {
        @Override
        public int getArtifactPolicy(RepositorySystemSession session, ResolutionErrorPolicyRequest<Artifact> request) {
            return ResolutionErrorPolicy.CACHE_DISABLED;
        }

        @Override
        public int getMetadataPolicy(RepositorySystemSession session, ResolutionErrorPolicyRequest<Metadata> request) {
            return ResolutionErrorPolicy.CACHE_DISABLED;
        }
    };

    private static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "the repository could not be asked";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "..." : line;
    }
}
