package dev.provenant.policy;

import java.util.List;

/**
 * What a stage requires of the base images a build's provenance names (and of those given with
 * {@code promote --base-image}): each pinned by a sha256 digest, and signed in its registry by one of
 * {@code signers} (see docs/POLICY.md and docs/OCI.md).
 */
public record BaseImageRule(List<TrustedSigner> signers) {
    public BaseImageRule {
        signers = List.copyOf(signers);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a base-image rule needs at least one signer");
        }
    }
}
