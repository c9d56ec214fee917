package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.supplychain.BundleLookup;
import java.util.List;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicyRequest;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.junit.jupiter.api.Test;

/**
 * What a failed bundle resolution establishes, for each shape of failure Maven's resolver reports (the
 * exceptions are built as its DefaultArtifactResolver and DefaultUpdateCheckManager build them).
 */
class BundleFetcherTest {
    static final Artifact BUNDLE = new DefaultArtifact("dev.sigstore", "sigstore-java", "", "jar.sigstore.json", "1.3.0");
    static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default", "file:///nonexistent").build();
    static final RemoteRepository OTHER = new RemoteRepository.Builder("other", "default", "file:///elsewhere").build();

    private static ArtifactResolutionException failure(Exception... causes) {
        ArtifactResult result = new ArtifactResult(new ArtifactRequest(BUNDLE, List.of(CENTRAL), null));
        for (Exception c : causes) {
            result.addException(c);
        }
        return new ArtifactResolutionException(List.of(result));
    }

    @Test
    void offlineIsUnknownNotUnpublished() {
        // what `mvn -o` gets for a bundle that was never downloaded
        ArtifactResolutionException offline = failure(new ArtifactNotFoundException(BUNDLE, CENTRAL,
                "Cannot access central (file:///nonexistent) in offline mode and the artifact " + BUNDLE
                        + " has not been downloaded from it before.", new RepositoryOfflineException(CENTRAL)));
        BundleLookup lookup = BundleFetcher.classify(offline, true);
        assertThat(lookup).isInstanceOf(BundleLookup.Unknown.class);
        assertThat(((BundleLookup.Unknown) lookup).remedy()).contains("mvn provenant:go-offline").contains("while online");
        // one repository offline (aether.offline.hosts) in an online session: unknown too
        assertThat(BundleFetcher.classify(offline, false)).isInstanceOf(BundleLookup.Unknown.class);
        // and any "not found" in an offline session
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, CENTRAL)), true))
                .isInstanceOf(BundleLookup.Unknown.class);
    }

    @Test
    void onlyAFreshNotFoundFromEveryRepositoryIsNotPublished() {
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, CENTRAL)), false))
                .isInstanceOf(BundleLookup.NotPublished.class);
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, CENTRAL),
                new ArtifactNotFoundException(BUNDLE, OTHER)), false)).isInstanceOf(BundleLookup.NotPublished.class);
        // a "not found" remembered from an earlier attempt (a .lastUpdated file) is no answer
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, CENTRAL, "was not found in central during "
                + "a previous attempt", true)), false)).isInstanceOf(BundleLookup.Unknown.class);
        // nor is the resolver's "not found" when no repository was asked at all
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, null)), false))
                .isInstanceOf(BundleLookup.Unknown.class);
        assertThat(BundleFetcher.classify(failure(), false)).isInstanceOf(BundleLookup.Unknown.class);
        // one repository said 404, another could not be reached
        assertThat(BundleFetcher.classify(failure(new ArtifactNotFoundException(BUNDLE, CENTRAL),
                new ArtifactTransferException(BUNDLE, OTHER, "Connection refused")), false)).isInstanceOf(BundleLookup.Unknown.class);
    }

    @Test
    void aNetworkFailureIsUnknownAndSaysWhy() {
        BundleLookup lookup = BundleFetcher.classify(failure(new ArtifactTransferException(BUNDLE, CENTRAL,
                "Could not transfer artifact: Connection refused\nat line two")), false);
        assertThat(lookup).isInstanceOf(BundleLookup.Unknown.class);
        BundleLookup.Unknown unknown = (BundleLookup.Unknown) lookup;
        assertThat(unknown.reason()).contains("Connection refused").doesNotContain("\n").doesNotContain("line two");
        assertThat(unknown.remedy()).contains("go-offline");
        // a long message is cut to 300 characters
        BundleLookup.Unknown longOne = (BundleLookup.Unknown) BundleFetcher.classify(failure(new ArtifactTransferException(BUNDLE,
                CENTRAL, "x".repeat(5000))), false);
        assertThat(longOne.reason()).endsWith("x".repeat(BundleFetcher.MAX_REASON_CHARS) + "...");
    }

    @Test
    void theLookupSessionNeitherRemembersNorReusesANotFound() {
        DefaultRepositorySystemSession build = new DefaultRepositorySystemSession();
        build.setOffline(true);
        build.setConfigProperty("some.setting", "kept");
        RepositorySystemSession lookup = BundleFetcher.askingAfresh(build);
        assertThat(lookup.isOffline()).isTrue();
        assertThat(lookup.getConfigProperties()).containsEntry("some.setting", "kept")
                .containsEntry("aether.updateCheckManager.sessionState", "bypass");
        var request = new ResolutionErrorPolicyRequest<Artifact>(BUNDLE, CENTRAL);
        assertThat(lookup.getResolutionErrorPolicy().getArtifactPolicy(lookup, request)).isEqualTo(ResolutionErrorPolicy.CACHE_DISABLED);
        // the build's own session is left as it was
        assertThat(build.getConfigProperties()).doesNotContainKey("aether.updateCheckManager.sessionState");
    }

    @Test
    void eitherNameFoundAnswersAndNotPublishedNeedsBoth() {
        BundleLookup found = new BundleLookup.Found(java.nio.file.Path.of("a.jar.provenant-bundle.json"));
        BundleLookup none = new BundleLookup.NotPublished();
        BundleLookup unknown = new BundleLookup.Unknown("offline", "go online");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // the first found: the second name is not asked
        assertThat(BundleFetcher.either(found, () -> {
            asked.incrementAndGet();
            return none;
        })).isSameAs(found);
        assertThat(asked).hasValue(0);
        // found under the second name, whatever the first said (a locally installed in-house artifact: offline or not
        // published under .sigstore.json, found under .provenant-bundle.json)
        assertThat(BundleFetcher.either(unknown, () -> found)).isSameAs(found);
        assertThat(BundleFetcher.either(none, () -> found)).isSameAs(found);
        // not published only when both names are
        assertThat(BundleFetcher.either(none, () -> none)).isInstanceOf(BundleLookup.NotPublished.class);
        assertThat(BundleFetcher.either(none, () -> unknown)).isSameAs(unknown);
        assertThat(BundleFetcher.either(unknown, () -> none)).isSameAs(unknown);
    }
}
