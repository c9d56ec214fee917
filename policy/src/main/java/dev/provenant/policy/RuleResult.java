package dev.provenant.policy;

import java.util.Objects;

/**
 * The outcome of one policy rule.
 *
 * @param rule the rule's name, such as {@code provenance.signers} or {@code previous-stage-vsa}
 * @param status whether it held
 * @param reason one line saying what was found
 */
public record RuleResult(String rule, Status status, String reason) {

    public enum Status {
        /** The rule holds. */
        PASS,
        /** The rule does not hold. */
        FAIL,
        /** Not evaluated, because a rule it builds on failed; never a pass. */
        SKIPPED
    }

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        reason = reason.replace('\n', ' ').replace('\r', ' ');
    }

    static RuleResult pass(String rule, String reason) {
        return new RuleResult(rule, Status.PASS, reason);
    }

    static RuleResult fail(String rule, String reason) {
        return new RuleResult(rule, Status.FAIL, reason);
    }

    static RuleResult skipped(String rule, String reason) {
        return new RuleResult(rule, Status.SKIPPED, reason);
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    /** {@code PASS rule: reason}, as printed. */
    public String line() {
        return status + " " + rule + ": " + reason;
    }
}
