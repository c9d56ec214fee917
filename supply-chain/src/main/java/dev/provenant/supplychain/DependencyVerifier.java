package dev.provenant.supplychain;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.identity.ValueMatcher;
import dev.provenant.attest.crypto.PemPublicKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks dependencies against the Sigstore bundles published beside them and a {@link DependencyRules}
 * file: the bundle must verify offline against the trusted root, and its certificate must name the
 * identity the first matching rule expects. A missing bundle, a bundle that does not verify and a
 * bundle from someone else are different verdicts.
 *
 * <p>Whether a bundle is published is only taken as "no" from a repository's own answer
 * ({@link BundleLookup.NotPublished}); when it cannot be established ({@link BundleLookup.Unknown}: offline,
 * a resolution error, a network failure) the verdict is {@link DependencyOutcome#BUNDLE_UNAVAILABLE} under
 * every rule, {@code unsigned-ok} included, unless a passing verdict was recorded in the
 * {@link VerdictCache} for this very file (its SHA-256), these coordinates, this rule, its key and its trusted root.
 * A {@code key=} rule verifies a key-signed bundle with its key; each rule's bundles are checked against its own
 * trusted root when it names one ({@link RuleAnchor}). One instance serves one thread.
 */
public final class DependencyVerifier {
    /** For {@code unsigned-ok} rules that name nobody: a published bundle must still verify, whoever signed it. */
    private static final IdentityPolicy ANY_SIGNER = new IdentityPolicy(ValueMatcher.regexp(".+"), ValueMatcher.regexp(".+"), Map.of());

    private final Function<DependencyRule, RuleAnchor> anchors;
    private final Map<Supplier<BundleVerifier>, BundleVerifier> verifiers = new IdentityHashMap<>();
    private final DependencyRules rules;
    private final Optional<VerdictCache> cache;
    private final boolean reuseVerdicts;
    private final ArtifactDigester digester = new ArtifactDigester();

    /**
     * @param verifier makes the bundle verifier, asked the first time a bundle is not answered from the cache
     *     (so a build whose verdicts are all cached does not load a trusted root)
     * @param trustContext names the trusted root in cache keys, so that a different root is not answered
     *     from verdicts reached with another one
     * @throws IllegalArgumentException when a rule names {@code key=} or {@code trusted-root=}: their files must be read
     *     first, by the other constructor's caller
     */
    public DependencyVerifier(Supplier<BundleVerifier> verifier, DependencyRules rules, Optional<VerdictCache> cache,
            String trustContext) {
        this(oneRoot(verifier, trustContext, rules), rules, cache, true);
    }

    /**
     * @param anchors what each rule's bundles are checked against: its trusted root and, for {@code key=}, its key;
     *     asked once per rule that decides a verdict
     */
    public DependencyVerifier(Function<DependencyRule, RuleAnchor> anchors, DependencyRules rules, Optional<VerdictCache> cache) {
        this(anchors, rules, cache, true);
    }

    private DependencyVerifier(Function<DependencyRule, RuleAnchor> anchors, DependencyRules rules, Optional<VerdictCache> cache,
            boolean reuseVerdicts) {
        this.anchors = anchors;
        this.rules = rules;
        this.cache = cache;
        this.reuseVerdicts = reuseVerdicts;
    }

    private static Function<DependencyRule, RuleAnchor> oneRoot(Supplier<BundleVerifier> verifier, String trustContext,
            DependencyRules rules) {
        for (DependencyRule rule : rules.rules()) {
            if (rule.key().isPresent() || rule.trustedRoot().isPresent()) {
                throw new IllegalArgumentException(rule.line() + " names key= or trusted-root=, whose files were not read");
            }
        }
        RuleAnchor anchor = new RuleAnchor(verifier, trustContext, Optional.empty());
        return rule -> anchor;
    }

    /**
     * A verifier that looks every bundle up and checks it afresh, recording what passes but answering nothing
     * from verdicts recorded before: what prepares an offline build.
     */
    public DependencyVerifier afresh() {
        return new DependencyVerifier(anchors, rules, cache, false);
    }

    /** As {@link #verify(Coordinates, Path, Function)}, with one lookup whatever the rule. */
    public DependencyVerdict verify(Coordinates coordinates, Path artifact, Supplier<BundleLookup> bundle) throws IOException {
        return verify(coordinates, artifact, rule -> bundle.get());
    }

    /**
     * @param artifact the dependency's file
     * @param bundle finds the published bundle for the deciding rule (a {@code key=} rule looks for a key-signed one
     *     first); asked only when a rule covers the dependency and no recorded verdict answers
     * @throws IOException when the artifact or a found bundle cannot be read
     */
    public DependencyVerdict verify(Coordinates coordinates, Path artifact, Function<DependencyRule, BundleLookup> bundle)
            throws IOException {
        Optional<DependencyRule> found = rules.ruleFor(coordinates);
        if (found.isEmpty()) {
            return new DependencyVerdict(coordinates, DependencyOutcome.NO_RULE, "no rule covers it", false);
        }
        DependencyRule rule = found.get();
        RuleAnchor anchor = anchors.apply(rule);
        if (rule.key().isPresent() != anchor.key().isPresent()) {
            throw new IllegalStateException(rule.line() + ": the rule's key and the key read for it disagree");
        }
        Optional<IdentityPolicy> expected = rule.policyFor(coordinates);
        IdentityPolicy policy = expected.orElse(ANY_SIGNER);
        Digest artifactDigest = digester.digest(artifact, DigestAlgorithm.SHA256);
        String key = cache.isPresent()
                ? VerdictCache.key(artifactDigest, coordinates, terms(rule, expected, anchor), anchor.rootContext()) : null;
        if (key != null && reuseVerdicts) {
            Optional<VerdictCache.Entry> recorded = cache.get().find(key);
            if (recorded.isPresent()) {
                return new DependencyVerdict(coordinates, recorded.get().outcome(), recorded.get().detail(), true);
            }
        }
        BundleLookup lookup = bundle.apply(rule);
        if (lookup instanceof BundleLookup.Unknown unknown) {
            return new DependencyVerdict(coordinates, DependencyOutcome.BUNDLE_UNAVAILABLE, unknown.reason() + "; "
                    + (cache.isPresent() ? "no verdict for this file (" + artifactDigest + ") was recorded while online"
                            : "the verdict cache is off") + "; " + unknown.remedy(), false);
        }
        if (lookup instanceof BundleLookup.NotPublished) {
            if (rule.unsignedOk()) {
                String detail = "unsigned-ok at " + rule.line() + "; the repository has no " + artifact.getFileName() + ".sigstore.json";
                record(key, coordinates, artifactDigest, DependencyOutcome.UNSIGNED_ALLOWED, detail);
                return new DependencyVerdict(coordinates, DependencyOutcome.UNSIGNED_ALLOWED, detail, false);
            }
            String name = artifact.getFileName().toString();
            return new DependencyVerdict(coordinates, DependencyOutcome.MISSING_BUNDLE, "no " + name + ".sigstore.json"
                    + (rule.key().isPresent() ? " or " + name + ".provenant-bundle.json" : "") + " is published; " + rule.line()
                    + " expects " + expects(rule, expected), false);
        }
        Path bundlePath = ((BundleLookup.Found) lookup).bundle();
        byte[] bundleBytes = BoundedFile.read(bundlePath, InputLimit.BUNDLE);
        Bundle parsed;
        try {
            parsed = Bundle.parse(bundleBytes);
        } catch (FormatException e) {
            return new DependencyVerdict(coordinates, DependencyOutcome.BAD_SIGNATURE, Check.BUNDLE_FORMAT.label() + ": "
                    + e.getMessage(), false);
        }
        VerificationResult result;
        try {
            if (anchor.key().isEmpty() && parsed.verificationMaterial().publicKey() != null) {
                // a key-signed bundle (Provenant's sign goal with a key): only the signer's public key can check it
                return new DependencyVerdict(coordinates, DependencyOutcome.BAD_SIGNATURE, Check.KEY.label()
                        + ": the bundle is signed with a key, and " + rule.line() + " names none; add key=FILE with the signer's"
                        + " public key (PEM) to the rule", false);
            }
            BundleVerifier verifier = verifiers.computeIfAbsent(anchor.verifier(), Supplier::get);
            VerificationPolicy verification = anchor.key().isPresent() ? VerificationPolicy.ofKey(anchor.key().get())
                    : VerificationPolicy.ofIdentity(policy);
            result = verifier.verify(parsed, List.of(new Artifact.FileArtifact(artifact)), verification);
        } catch (VerificationException e) {
            DependencyOutcome outcome = e.check() == Check.IDENTITY ? DependencyOutcome.UNEXPECTED_IDENTITY
                    : DependencyOutcome.BAD_SIGNATURE;
            return new DependencyVerdict(coordinates, outcome, e.toString()
                    + (anchor.key().isPresent() && e.check() == Check.SIGNATURE ? " (not signed by the key " + rule.key().get().getFileName()
                            + " at " + rule.line() + ")" : ""), false);
        }
        String signer = anchor.key().isPresent()
                ? "signed by key " + keyName(anchor.key().get())
                : result.identity()
                        .map(s -> "signed by " + s.identity().subjectAlternativeNames().get(0).value()
                                + s.identity().issuer().map(i -> " (" + i + ")").orElse(""))
                        .orElse("signed");
        record(key, coordinates, artifactDigest, DependencyOutcome.VERIFIED, signer);
        return new DependencyVerdict(coordinates, DependencyOutcome.VERIFIED, signer, false);
    }

    private void record(String key, Coordinates coordinates, Digest artifactDigest, DependencyOutcome outcome, String detail) {
        if (key != null) {
            cache.get().store(key, coordinates, artifactDigest, outcome, detail);
        }
    }

    /**
     * What the deciding rule asks, for the cache key: its pattern, the signer it expects (the identity, or the key by
     * its fingerprint, so a verdict under one key never answers for another) and whether unsigned passes.
     */
    private static String terms(DependencyRule rule, Optional<IdentityPolicy> expected, RuleAnchor anchor) {
        return "pattern " + rule.pattern() + "\nexpects " + expects(rule, expected) + "\nkey "
                + anchor.key().map(DependencyVerifier::keyName).orElse("none") + "\nunsigned-ok " + rule.unsignedOk();
    }

    private static String expects(DependencyRule rule, Optional<IdentityPolicy> expected) {
        if (rule.key().isPresent()) {
            return "a bundle signed with the key " + rule.key().get();
        }
        return expected.map(IdentityPolicy::describe).orElse("any signer, if signed");
    }

    /** {@code sha256:HEX} of the key's encoded form, as {@code provenant public-key} prints it. */
    static String keyName(PublicKey key) {
        return "sha256:" + HexFormat.of().formatHex(PemPublicKeys.fingerprint(key));
    }
}
