package dev.provenant.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.policy.PromotionVerdict;
import dev.provenant.signer.Signer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gate decisions as decision-log leaves: a JSON document of type {@value #TYPE} holding the promotion
 * verdict (pass or refuse, subjects, stage, policy and its digest, each rule's result and reason, the
 * input attestations, the time) and the CI context the CI detectors found (the system, the builder, the
 * job's URL, what triggered it and what the platform chose, runner and image among them).
 */
public final class Decisions {
    public static final String TYPE = "https://provenant.dev/decision/v1";

    private Decisions() {}

    /** The leaf of a decision. */
    public static byte[] leaf(PromotionVerdict verdict, Optional<BuildEnvironment> ci) {
        ObjectNode out = JsonCodec.mapper().createObjectNode();
        out.put("_type", TYPE);
        out.setAll(verdict.toJson());
        ci.ifPresent(env -> {
            ObjectNode node = out.putObject("ci");
            node.put("system", env.system());
            node.put("builderId", env.builderId());
            env.invocationId().ifPresent(id -> node.put("jobUrl", id));
            env.startedOn().ifPresent(t -> node.put("startedOn", t.toString()));
            node.set("triggeredBy", env.externalParameters());
            node.set("platform", env.internalParameters());
        });
        try {
            return JsonCodec.mapper().writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("a decision did not serialise", e);
        }
    }

    /** Every subject digest of a verdict, as {@code ALGORITHM:HEX}. */
    public static List<String> subjects(PromotionVerdict verdict) {
        List<String> out = new ArrayList<>();
        for (ResourceDescriptor s : verdict.subjects()) {
            for (Map.Entry<String, String> d : s.digest().entrySet()) {
                String name = StoredBundle.subjectName(d.getKey(), d.getValue());
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Appends a verdict to the store's decision log, with a checkpoint signed by the gate key. */
    public static DecisionLog.Appended record(EvidenceStore store, PromotionVerdict verdict, Optional<BuildEnvironment> ci, Signer gate)
            throws StoreException {
        return new DecisionLog(store).append(leaf(verdict, ci), subjects(verdict), GateNotes.signer(gate));
    }

    /** A stored leaf as JSON, or empty when it is not a decision. */
    public static Optional<JsonNode> parse(byte[] leaf) {
        try {
            JsonNode node = JsonCodec.mapper().readTree(leaf);
            return node != null && node.isObject() && TYPE.equals(node.path("_type").asText()) ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
