package dev.provenant.supplychain;

import dev.provenant.verifier.BundleVerifier;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the bundles under one rule are checked against: a bundle verifier over the rule's trusted root (the
 * build's default root when the rule names none) and, for a {@code key=} rule, the public key read from its file.
 * The front end reads the files and reports a missing or unreadable one naming the rule's line; this only carries
 * what it read.
 *
 * @param verifier makes the verifier over the root; asked when a bundle is first not answered from the verdict cache.
 *     Rules that share a root should share one supplier, which {@link DependencyVerifier} asks at most once.
 * @param rootContext names the root in verdict-cache keys (for example {@code sha256:} of its JSON), so a verdict
 *     reached under one root never answers for another; the key is named there by {@link DependencyVerifier} itself
 * @param key the trusted public key, present exactly when the rule names {@code key=}
 */
public record RuleAnchor(Supplier<BundleVerifier> verifier, String rootContext, Optional<PublicKey> key) {
    public RuleAnchor {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(rootContext, "rootContext");
        Objects.requireNonNull(key, "key");
    }
}
