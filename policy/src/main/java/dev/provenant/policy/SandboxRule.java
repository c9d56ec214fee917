package dev.provenant.policy;

import java.util.Optional;

/**
 * What a stage requires of in-toto link attestations ({@code https://in-toto.io/attestation/link/v0.3}):
 * that the step ran in a bubblewrap sandbox, with the network off unless {@code network: any}, and with
 * the profile {@code profile-digest} names when one is given (see docs/SANDBOX.md).
 */
public record SandboxRule(boolean networkOff, Optional<String> profileDigest) {}
