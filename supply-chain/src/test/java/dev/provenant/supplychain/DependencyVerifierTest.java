package dev.provenant.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency verdicts on the real sigstore-java 1.3.0 jar and the bundle published beside it. */
class DependencyVerifierTest {
    static final Path DIR = Path.of(System.getProperty("provenant.registryArtifacts", "target/registry-artifacts"));
    static final Coordinates SIGSTORE = new Coordinates("dev.sigstore", "sigstore-java", "1.3.0", "", "jar");
    static final String RIGHT = "dev.sigstore:* identity=https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v{version} issuer=https://token.actions.githubusercontent.com";
    static final String WRONG = "dev.sigstore:* identity=https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "other.yaml@refs/tags/v{version} issuer=https://token.actions.githubusercontent.com";

    static BundleVerifier bundleVerifier;
    static Path jar;
    static Path bundle;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        bundleVerifier = new BundleVerifier(TrustedRoot.publicGood());
        jar = DIR.resolve("sigstore-java-1.3.0.jar");
        bundle = DIR.resolve("sigstore-java-1.3.0.jar.sigstore.json");
    }

    private DependencyVerifier verifier(String rules, Optional<VerdictCache> cache) throws Exception {
        return new DependencyVerifier(() -> bundleVerifier, DependencyRules.parse(rules, "rules.txt"), cache, "shipped root");
    }

    private static Supplier<BundleLookup> found(Path p) {
        return () -> new BundleLookup.Found(p);
    }

    @Test
    void theReleaseWorkflowsBundleVerifies() throws Exception {
        DependencyVerdict v = verifier(RIGHT, Optional.empty()).verify(SIGSTORE, jar, found(bundle));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(v.detail()).contains("release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0")
                .contains("token.actions.githubusercontent.com");
        assertThat(v.cached()).isFalse();
    }

    @Test
    void anotherExpectedIdentityIsAnUnexpectedIdentity() throws Exception {
        DependencyVerdict v = verifier(WRONG, Optional.empty()).verify(SIGSTORE, jar, found(bundle));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.UNEXPECTED_IDENTITY);
        assertThat(v.detail()).contains("certificate identity").contains("other.yaml");
        assertThat(v.outcome().passes()).isFalse();
    }

    @Test
    void aModifiedJarIsABadSignature() throws Exception {
        Path copy = tmp.resolve("sigstore-java-1.3.0.jar");
        Files.copy(jar, copy);
        Files.write(copy, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        DependencyVerdict v = verifier(RIGHT, Optional.empty()).verify(SIGSTORE, copy, found(bundle));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.detail()).startsWith("artifact digest");
    }

    @Test
    void aMalformedBundleIsABadSignature() throws Exception {
        Path bad = tmp.resolve("b.json");
        Files.writeString(bad, "{\"mediaType\": 3}");
        DependencyVerdict v = verifier(RIGHT, Optional.empty()).verify(SIGSTORE, jar, found(bad));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.detail()).startsWith("bundle format");
    }

    @Test
    void aMissingBundleFailsUnlessTheRuleAllowsIt() throws Exception {
        Supplier<BundleLookup> none = BundleLookup.NotPublished::new;
        DependencyVerdict missing = verifier(RIGHT, Optional.empty()).verify(SIGSTORE, jar, none);
        assertThat(missing.outcome()).isEqualTo(DependencyOutcome.MISSING_BUNDLE);
        assertThat(missing.detail()).contains("rules.txt:1").contains("release-sigstore-java-from-tag.yaml");
        DependencyVerdict allowed = verifier(RIGHT + " unsigned-ok", Optional.empty()).verify(SIGSTORE, jar, none);
        assertThat(allowed.outcome()).isEqualTo(DependencyOutcome.UNSIGNED_ALLOWED);
        assertThat(allowed.outcome().passes()).isTrue();
    }

    @Test
    void unsignedOkStillChecksAPublishedBundle() throws Exception {
        Path copy = tmp.resolve("sigstore-java-1.3.0.jar");
        Files.copy(jar, copy);
        Files.write(copy, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(verifier("dev.sigstore:* unsigned-ok", Optional.empty()).verify(SIGSTORE, copy, found(bundle)).outcome())
                .isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(verifier("dev.sigstore:* unsigned-ok", Optional.empty()).verify(SIGSTORE, jar, found(bundle)).outcome())
                .isEqualTo(DependencyOutcome.VERIFIED);
    }

    @Test
    void noRuleAndAnUnavailableRepositoryAreTheirOwnVerdicts() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        DependencyVerdict noRule = verifier("org.other:* unsigned-ok", Optional.empty()).verify(SIGSTORE, jar, () -> {
            asked.incrementAndGet();
            return new BundleLookup.NotPublished();
        });
        assertThat(noRule.outcome()).isEqualTo(DependencyOutcome.NO_RULE);
        assertThat(asked).hasValue(0);
        DependencyVerdict failed = verifier(RIGHT, Optional.empty()).verify(SIGSTORE, jar, UNKNOWN);
        assertThat(failed.outcome()).isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
        assertThat(failed.detail()).isEqualTo("offline; the verdict cache is off; go online");
    }

    @Test
    void successesAreCachedPerDigestAndExpectedIdentity() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        DependencyVerdict first = verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        DependencyVerdict second = verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(second.detail()).isEqualTo(first.detail());
        // another expected identity is not answered from the cache
        assertThat(verifier(WRONG, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle)).outcome())
                .isEqualTo(DependencyOutcome.UNEXPECTED_IDENTITY);
        // nor is another trusted root
        var otherRoot = new DependencyVerifier(() -> bundleVerifier, DependencyRules.parse(RIGHT, "r"), Optional.of(cache), "other root");
        assertThat(otherRoot.verify(SIGSTORE, jar, found(bundle)).cached()).isFalse();
        // nor a modified artifact
        Path copy = tmp.resolve("sigstore-java-1.3.0.jar");
        Files.copy(jar, copy);
        Files.write(copy, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, copy, found(bundle)).outcome())
                .isEqualTo(DependencyOutcome.BAD_SIGNATURE);
    }

    @Test
    void aCachedVerdictNeedsNoBundleVerifier() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        AtomicInteger made = new AtomicInteger();
        var lazy = new DependencyVerifier(() -> {
            made.incrementAndGet();
            return bundleVerifier;
        }, DependencyRules.parse(RIGHT, "r"), Optional.of(cache), "shipped root");
        assertThat(lazy.verify(SIGSTORE, jar, found(bundle)).cached()).isTrue();
        assertThat(made).hasValue(0);
    }

    @Test
    void aCorruptCacheEntryIsAMiss() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        try (var files = Files.walk(cache.directory())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(p, "not json");
            }
        }
        assertThat(verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle)).cached()).isFalse();
    }

    private static Path tampered(Path dir) throws Exception {
        Path copy = dir.resolve("sigstore-java-1.3.0.jar");
        Files.copy(jar, copy);
        Files.write(copy, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        return copy;
    }

    private static final Supplier<BundleLookup> UNKNOWN = () -> new BundleLookup.Unknown("offline", "go online");

    @Test
    void anUnknownBundleStateIsAnsweredOnlyByAVerdictRecordedForTheSameDigest() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        String unsignedOk = "dev.sigstore:* unsigned-ok";
        // online: the bundle is found and verifies, and the verdict is recorded for this jar's digest
        assertThat(verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle)).outcome())
                .isEqualTo(DependencyOutcome.VERIFIED);
        // offline, the same jar: the recorded verdict answers
        DependencyVerdict offline = verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN);
        assertThat(offline.outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(offline.cached()).isTrue();
        // offline, a tampered jar: its digest has no verdict, so even unsigned-ok does not pass it
        Path copy = tampered(tmp);
        DependencyVerdict tamperedOffline = verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, copy, UNKNOWN);
        assertThat(tamperedOffline.outcome()).isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
        assertThat(tamperedOffline.detail()).doesNotContain("is published").startsWith("offline; no verdict for this file (sha256:")
                .endsWith("was recorded while online; go online");
    }

    @Test
    void anUnsignedVerdictIsRecordedOnlyAfterTheRepositorySaidNoBundleIsPublished() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        String unsignedOk = "dev.sigstore:* unsigned-ok";
        // no cache entry yet: unknown fails
        assertThat(verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN).outcome())
                .isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
        // online, the repository answers that none is published: unsigned-ok passes and is recorded
        assertThat(verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, jar, BundleLookup.NotPublished::new).outcome())
                .isEqualTo(DependencyOutcome.UNSIGNED_ALLOWED);
        DependencyVerdict offline = verifier(unsignedOk, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN);
        assertThat(offline.outcome()).isEqualTo(DependencyOutcome.UNSIGNED_ALLOWED);
        assertThat(offline.cached()).isTrue();
        // the verdict belongs to the rule: a rule that expects a signer is not answered by it
        DependencyVerdict signerExpected = verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN);
        assertThat(signerExpected.outcome()).isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
        assertThat(signerExpected.detail()).doesNotContain("is published");
    }

    @Test
    void everyRuleFailsAnUnknownStateWithoutARecordedVerdict() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        for (String rule : new String[] {RIGHT, RIGHT + " unsigned-ok", "dev.sigstore:* unsigned-ok"}) {
            DependencyVerdict v = verifier(rule, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN);
            assertThat(v.outcome()).as(rule).isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
            assertThat(v.outcome().passes()).isFalse();
            assertThat(v.detail()).as(rule).doesNotContain("is published").contains("go online");
        }
        // and nothing was recorded by those failures
        assertThat(cache.directory()).doesNotExist();
    }

    @Test
    void afreshLooksEveryBundleUpAndRecordsWhatPasses() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        AtomicInteger asked = new AtomicInteger();
        DependencyVerdict fresh = verifier(RIGHT, Optional.of(cache)).afresh().verify(SIGSTORE, jar, () -> {
            asked.incrementAndGet();
            return new BundleLookup.Found(bundle);
        });
        assertThat(asked).hasValue(1);
        assertThat(fresh.cached()).isFalse();
        assertThat(fresh.outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        // afresh, an unknown state fails even with a recorded verdict
        assertThat(verifier(RIGHT, Optional.of(cache)).afresh().verify(SIGSTORE, jar, UNKNOWN).outcome())
                .isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
    }

    @Test
    void anEntryThatRecordsAFailureIsAMiss() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        try (var files = Files.walk(cache.directory())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(p, Files.readString(p).replace("outcome verified", "outcome bad-signature"));
            }
        }
        assertThat(verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, UNKNOWN).outcome())
                .isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
    }

    @Test
    void anEntryAbove64KiBIsAMiss() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        verifier(RIGHT, Optional.of(cache)).verify(SIGSTORE, jar, found(bundle));
        try (var files = Files.walk(cache.directory())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String entry = Files.readString(p);
                // still a well-formed entry, but padded past the limit
                Files.writeString(p, entry + "#".repeat(VerdictCache.MAX_ENTRY_BYTES - entry.length() + 1) + "\n");
                assertThat(cache.find(p.getFileName().toString())).isEmpty();
                Files.writeString(p, entry + "#".repeat(VerdictCache.MAX_ENTRY_BYTES - entry.length() - 1) + "\n");
                assertThat(cache.find(p.getFileName().toString())).isPresent();
            }
        }
    }
}
