package dev.provenant.api;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.policy.PromotionVerdict;
import dev.provenant.policy.RuleResult;
import java.util.List;
import java.util.Optional;

/**
 * A promotion gate's verdict: every rule of the stage with its result and reason. A refusal is a
 * verdict, not an exception: {@link #passed()} is false and {@link #firstFailure()} says why.
 */
public final class GateDecision {
    private final PromotionVerdict verdict;

    GateDecision(PromotionVerdict verdict) {
        this.verdict = verdict;
    }

    /** True when the stage has at least one rule and every rule held. */
    public boolean passed() {
        return verdict.passed();
    }

    public String stage() {
        return verdict.stage().name();
    }

    /** Each rule as one line: its name, result and reason. */
    public List<String> rules() {
        return verdict.rules().stream().map(RuleResult::line).toList();
    }

    /** The first rule that failed, as one line. */
    public Optional<String> firstFailure() {
        return verdict.firstFailure().map(RuleResult::line);
    }

    /** The verdict itself, e.g. to issue a signed VSA with {@code dev.provenant.policy.VerificationSummary}. */
    public PromotionVerdict verdict() {
        return verdict;
    }

    /** The verdict as one JSON object, as {@code provenant promote --json} prints it without {@code ok} and {@code exitCode}. */
    public String toJson() {
        return JsonCodec.writeString(verdict.toJson());
    }

    @Override
    public String toString() {
        return (passed() ? "promoted to " : "refused for ") + stage() + firstFailure().map(f -> ": " + f).orElse("");
    }
}
