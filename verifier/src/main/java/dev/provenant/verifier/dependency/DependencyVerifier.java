package dev.provenant.verifier.dependency;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.identity.ValueMatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks dependencies against the Sigstore bundles published beside them and a {@link DependencyRules}
 * file: the bundle must verify offline against the trusted root, and its certificate must name the
 * identity the first matching rule expects. A missing bundle, a bundle that does not verify and a
 * bundle from someone else are different verdicts. One instance serves one thread.
 */
public final class DependencyVerifier {
    /** For {@code unsigned-ok} rules that name nobody: a published bundle must still verify, whoever signed it. */
    private static final IdentityPolicy ANY_SIGNER = new IdentityPolicy(ValueMatcher.regexp(".+"), ValueMatcher.regexp(".+"), Map.of());

    private final Supplier<BundleVerifier> verifierFactory;
    private BundleVerifier verifier;
    private final DependencyRules rules;
    private final Optional<VerdictCache> cache;
    private final String trustContext;
    private final ArtifactDigester digester = new ArtifactDigester();

    /**
     * @param verifier makes the bundle verifier, asked the first time a bundle is not answered from the cache
     *     (so a build whose verdicts are all cached does not load a trusted root)
     * @param trustContext names the trusted root in cache keys, so that a different root is not answered
     *     from verdicts reached with another one
     */
    public DependencyVerifier(Supplier<BundleVerifier> verifier, DependencyRules rules, Optional<VerdictCache> cache,
            String trustContext) {
        this.verifierFactory = verifier;
        this.rules = rules;
        this.cache = cache;
        this.trustContext = trustContext;
    }

    /**
     * @param artifact the dependency's file
     * @param bundle finds the published bundle; asked only when a rule covers the dependency
     * @throws IOException when the artifact or a found bundle cannot be read
     */
    public DependencyVerdict verify(Coordinates coordinates, Path artifact, Supplier<BundleLookup> bundle) throws IOException {
        Optional<DependencyRule> found = rules.ruleFor(coordinates);
        if (found.isEmpty()) {
            return new DependencyVerdict(coordinates, DependencyOutcome.NO_RULE, "no rule covers it", false);
        }
        DependencyRule rule = found.get();
        Optional<IdentityPolicy> expected = rule.policyFor(coordinates);
        BundleLookup lookup = bundle.get();
        if (lookup instanceof BundleLookup.Failed failed) {
            return new DependencyVerdict(coordinates, DependencyOutcome.BUNDLE_UNAVAILABLE, failed.reason(), false);
        }
        if (lookup instanceof BundleLookup.NotPublished) {
            if (rule.unsignedOk()) {
                return new DependencyVerdict(coordinates, DependencyOutcome.UNSIGNED_ALLOWED, "unsigned-ok at " + rule.line(), false);
            }
            return new DependencyVerdict(coordinates, DependencyOutcome.MISSING_BUNDLE, "no " + artifact.getFileName()
                    + ".sigstore.json is published; " + rule.line() + " expects " + expected.get().describe(), false);
        }
        Path bundlePath = ((BundleLookup.Found) lookup).bundle();
        IdentityPolicy policy = expected.orElse(ANY_SIGNER);
        byte[] bundleBytes = BoundedFile.read(bundlePath, InputLimit.BUNDLE);
        String key = null;
        if (cache.isPresent()) {
            Digest artifactDigest = digester.digest(artifact, DigestAlgorithm.SHA256);
            Digest bundleDigest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(bundleBytes));
            key = VerdictCache.key(artifactDigest, bundleDigest, policy.describe(), trustContext);
            Optional<String> signer = cache.get().find(key);
            if (signer.isPresent()) {
                return new DependencyVerdict(coordinates, DependencyOutcome.VERIFIED, signer.get(), true);
            }
        }
        Bundle parsed;
        try {
            parsed = Bundle.parse(bundleBytes);
        } catch (FormatException e) {
            return new DependencyVerdict(coordinates, DependencyOutcome.BAD_SIGNATURE, Check.BUNDLE_FORMAT.label() + ": "
                    + e.getMessage(), false);
        }
        VerificationResult result;
        try {
            if (verifier == null) {
                verifier = verifierFactory.get();
            }
            result = verifier.verify(parsed, List.of(new Artifact.FileArtifact(artifact)), VerificationPolicy.ofIdentity(policy));
        } catch (VerificationException e) {
            DependencyOutcome outcome = e.check() == Check.IDENTITY ? DependencyOutcome.UNEXPECTED_IDENTITY
                    : DependencyOutcome.BAD_SIGNATURE;
            return new DependencyVerdict(coordinates, outcome, e.toString(), false);
        }
        String signer = result.identity()
                .map(s -> "signed by " + s.identity().subjectAlternativeNames().get(0).value()
                        + s.identity().issuer().map(i -> " (" + i + ")").orElse(""))
                .orElse("signed");
        if (key != null) {
            cache.get().store(key, coordinates, signer);
        }
        return new DependencyVerdict(coordinates, DependencyOutcome.VERIFIED, signer, false);
    }
}
