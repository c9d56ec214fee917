package dev.provenant.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One piece of evidence a stage requires: attestations of a predicate type over the artifacts, signed
 * by at least {@code threshold} distinct signers among {@code signers}, optionally no older than
 * {@code maxAge}, for provenance, meeting the provenance, dependency and base-image rules, and for links,
 * the sandbox rule.
 */
public record EvidenceRequirement(String name, String predicateType, List<TrustedSigner> signers, int threshold,
        Optional<Duration> maxAge, Optional<ProvenanceRule> provenance, Optional<DependencyRule> dependencies,
        Optional<SandboxRule> sandbox, Optional<BaseImageRule> baseImages) {
    public EvidenceRequirement(String name, String predicateType, List<TrustedSigner> signers, int threshold,
            Optional<Duration> maxAge, Optional<ProvenanceRule> provenance, Optional<DependencyRule> dependencies,
            Optional<SandboxRule> sandbox) {
        this(name, predicateType, signers, threshold, maxAge, provenance, dependencies, sandbox, Optional.empty());
    }

    public EvidenceRequirement(String name, String predicateType, List<TrustedSigner> signers, int threshold,
            Optional<Duration> maxAge, Optional<ProvenanceRule> provenance, Optional<DependencyRule> dependencies) {
        this(name, predicateType, signers, threshold, maxAge, provenance, dependencies, Optional.empty());
    }

    public EvidenceRequirement {
        signers = List.copyOf(signers);
        if (threshold < 1 || threshold > signers.size()) {
            throw new IllegalArgumentException("threshold " + threshold + " of " + signers.size() + " signers");
        }
    }
}
