package dev.provenant.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a promotion gate decided: every rule of the stage with its result and reason, and what a
 * VSA needs to record it. It passes only when every rule passed.
 *
 * @param policy the policy that was applied
 * @param stage the stage promoted to
 * @param time when the evaluation ran
 * @param subjects the artifacts, by name and SHA-256
 * @param rules every rule of the stage, in evaluation order
 * @param inputs the bundles whose verified evidence the rules relied on
 */
public record PromotionVerdict(PromotionPolicy policy, Stage stage, Instant time, List<ResourceDescriptor> subjects,
        List<RuleResult> rules, List<EvidenceBundle> inputs) {

    public PromotionVerdict {
        subjects = List.copyOf(subjects);
        rules = List.copyOf(rules);
        inputs = List.copyOf(inputs);
    }

    /** True when there is at least one rule and every rule passed. */
    public boolean passed() {
        return !rules.isEmpty() && rules.stream().allMatch(RuleResult::passed);
    }

    /** The first rule that failed, for a one-line summary. */
    public Optional<RuleResult> firstFailure() {
        return rules.stream().filter(r -> r.status() == RuleResult.Status.FAIL).findFirst();
    }

    /** The verdict as JSON, for {@code --json} and for tools. */
    public ObjectNode toJson() {
        ObjectNode out = JsonCodec.mapper().createObjectNode();
        out.put("passed", passed());
        out.put("policy", policy.name());
        out.put("policyDigest", policy.digest().toString());
        out.put("stage", stage.name());
        out.put("time", time.toString());
        ArrayNode subjectNodes = out.putArray("subjects");
        subjects.forEach(s -> subjectNodes.add(JsonCodec.mapper().valueToTree(s)));
        ArrayNode ruleNodes = out.putArray("rules");
        for (RuleResult r : rules) {
            ruleNodes.addObject().put("rule", r.rule()).put("result", r.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("reason", r.reason());
        }
        ArrayNode inputNodes = out.putArray("inputAttestations");
        inputs.forEach(i -> inputNodes.addObject().put("uri", i.uri()).put("digest", i.digest().toString()));
        return out;
    }
}
