package dev.provenant.attest.slsa;

/**
 * The SLSA Verification Summary Attestation v1 predicate, {@code https://slsa.dev/verification_summary/v1}:
 * what the policy module issues on promotion and the verifier's VSA package checks.
 */
public final class VerificationSummaryPredicate {
    public static final String TYPE = "https://slsa.dev/verification_summary/v1";
    /** The {@code verificationResult} of a VSA whose verification passed. */
    public static final String PASSED = "PASSED";

    private VerificationSummaryPredicate() {}
}
