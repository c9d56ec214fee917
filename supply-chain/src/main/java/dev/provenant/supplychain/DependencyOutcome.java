package dev.provenant.supplychain;

/** What checking one dependency's Sigstore bundle found. Each failure is its own outcome, so a report says which. */
public enum DependencyOutcome {
    /** The bundle verified and its signer is the identity the matching rule expects. */
    VERIFIED("verified", true),
    /** No bundle is published, and the matching rule says {@code unsigned-ok}. */
    UNSIGNED_ALLOWED("unsigned (allowed)", true),
    /** No bundle is published beside the artifact, and the rule does not allow that. */
    MISSING_BUNDLE("missing bundle", false),
    /** A bundle is published but does not verify: bad signature, digest, log entry, certificate or format. */
    BAD_SIGNATURE("bad signature", false),
    /** The bundle verified, but was signed by someone the rule does not name. */
    UNEXPECTED_IDENTITY("unexpected identity", false),
    /** No rule covers the dependency, so nothing says who should have signed it. */
    NO_RULE("no rule", false),
    /** Whether a bundle exists could not be found out (a repository failed). */
    BUNDLE_UNAVAILABLE("bundle unavailable", false);

    private final String label;
    private final boolean passes;

    DependencyOutcome(String label, boolean passes) {
        this.label = label;
        this.passes = passes;
    }

    public String label() {
        return label;
    }

    /** True when the build may go on. */
    public boolean passes() {
        return passes;
    }
}
