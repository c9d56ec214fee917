package dev.provenant.intoto.layout;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;

/**
 * What one layout verification may spend, sublayouts included, so that no supply chain (a sublayout
 * tree that is wide as well as deep, directories that link back to themselves, thousands of steps and
 * keys, thousands of rules over as many artifacts) costs more than a bounded amount of work: the depth
 * of sublayout nesting, the layouts verified, the link file names looked up, the link files read, the
 * bytes read from them, and the artifacts each artifact rule is checked against. Running out fails
 * the verification naming {@link Check#LAYOUT}. One budget serves one verification and one thread.
 */
final class VerificationBudget {
    /** The limits; {@link #DEFAULT} holds far more than any real supply chain needs. */
    record Limits(int maxDepth, int maxLayouts, int maxLookups, int maxLinkFiles, long maxLinkBytes, long maxRuleChecks) {
        static final Limits DEFAULT = new Limits(16, 64, 65_536, 4_096, 128L << 20, 25_000_000L);
    }

    private final Limits limits;
    private int layouts;
    private int lookups;
    private int linkFiles;
    private long linkBytes;
    private long ruleChecks;

    VerificationBudget(Limits limits) {
        this.limits = limits;
    }

    /** A layout (the root, or a sublayout at {@code depth}) is about to be verified. */
    void layout(int depth, String where) throws VerificationException {
        if (depth > limits.maxDepth()) {
            throw exhausted("sublayouts nest deeper than " + limits.maxDepth() + " levels" + where);
        }
        if (++layouts > limits.maxLayouts()) {
            throw exhausted("the supply chain holds more than " + limits.maxLayouts() + " layouts, sublayouts included" + where);
        }
    }

    /** A link file name is about to be looked up. */
    void lookup(String where) throws VerificationException {
        if (++lookups > limits.maxLookups()) {
            throw exhausted("the supply chain needs more than " + limits.maxLookups() + " link file look-ups (steps times keys,"
                    + " sublayouts included)" + where);
        }
    }

    /** A link file of {@code size} bytes is about to be read. */
    void read(long size, String where) throws VerificationException {
        if (++linkFiles > limits.maxLinkFiles()) {
            throw exhausted("the supply chain has more than " + limits.maxLinkFiles() + " link files, sublayouts included" + where);
        }
        linkBytes += size;
        if (size < 0 || linkBytes > limits.maxLinkBytes()) {
            throw exhausted("the supply chain's link files hold more than " + limits.maxLinkBytes() + " bytes" + where);
        }
    }

    /** An artifact rule is about to be checked against {@code artifacts} queued artifacts. */
    void ruleChecks(int artifacts, String where) throws VerificationException {
        ruleChecks += artifacts;
        if (ruleChecks > limits.maxRuleChecks()) {
            throw exhausted("the layout's artifact rules need more than " + limits.maxRuleChecks()
                    + " checks of a rule against an artifact, sublayouts included" + where);
        }
    }

    private static VerificationException exhausted(String what) {
        return new VerificationException(Check.LAYOUT, what + "; refusing to verify it");
    }
}
