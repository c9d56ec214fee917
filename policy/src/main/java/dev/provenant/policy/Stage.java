package dev.provenant.policy;

import dev.provenant.verifier.SignerTrust;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One promotion stage.
 *
 * @param name the stage's name, such as {@code staging}
 * @param evidence what must be presented to enter it
 * @param maxAge how old any evidence may be, unless a requirement says otherwise
 * @param requiredVsaFrom the earlier stage whose VSA must be presented, verified with that stage's gate signer
 * @param gate who signs this stage's VSAs: its gate key, or the keyless identity of its gate
 * @param verifiedLevels the levels this stage's VSAs state, e.g. {@code SLSA_BUILD_LEVEL_3}
 * @param slsaVersion the SLSA version the levels refer to
 */
public record Stage(String name, List<EvidenceRequirement> evidence, Optional<Duration> maxAge, Optional<String> requiredVsaFrom,
        Optional<SignerTrust> gate, List<String> verifiedLevels, String slsaVersion) {
    public Stage {
        evidence = List.copyOf(evidence);
        verifiedLevels = List.copyOf(verifiedLevels);
    }
}
