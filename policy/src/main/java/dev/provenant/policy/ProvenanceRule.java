package dev.provenant.policy;

import dev.provenant.verifier.provenance.ProvenanceExpectations;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a stage requires of SLSA provenance: the builder, source repository and build type (checked as
 * verify-provenance checks them) and a regular expression the whole built git ref must match.
 */
public record ProvenanceRule(ProvenanceExpectations expectations, Optional<Pattern> refPattern) {}
