package dev.provenant.verifier.vsa;

import java.util.List;
import java.util.Objects;

/**
 * What a VSA must say for its subject to be trusted, as slsa-verifier's {@code verify-vsa} flags say it:
 * every digest among its subjects' digests, its {@code verifier.id}, its {@code resourceUri}, and levels its
 * {@code verifiedLevels} must meet (see {@link VerifiedLevels}). Its {@code verificationResult} must always
 * be {@code PASSED}.
 *
 * @param subjectDigests at least one
 * @param verifierId compared exactly
 * @param resourceUri compared exactly
 * @param verifiedLevels possibly none
 */
public record VsaExpectations(List<SubjectDigest> subjectDigests, String verifierId, String resourceUri,
        List<String> verifiedLevels) {
    public VsaExpectations {
        subjectDigests = List.copyOf(Objects.requireNonNull(subjectDigests, "subjectDigests"));
        verifiedLevels = List.copyOf(verifiedLevels == null ? List.of() : verifiedLevels);
        if (subjectDigests.isEmpty()) {
            throw new IllegalArgumentException("at least one subject digest is needed");
        }
        if (verifierId == null || verifierId.isEmpty()) {
            throw new IllegalArgumentException("the verifier id is needed");
        }
        if (resourceUri == null || resourceUri.isEmpty()) {
            throw new IllegalArgumentException("the resource URI is needed");
        }
        for (String level : verifiedLevels) {
            if (level == null || level.isEmpty()) {
                throw new IllegalArgumentException("a verified level is empty");
            }
        }
        // a demand that names a malformed SLSA level is refused before any evidence is read
        VerifiedLevels.tracks(verifiedLevels);
    }
}
