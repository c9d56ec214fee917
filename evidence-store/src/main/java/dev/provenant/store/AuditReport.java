package dev.provenant.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link DecisionLog#verify} found: the number of stored leaves, the latest checkpoint that held, and
 * every problem, each naming the leaf (or leaves) it concerns when it can.
 *
 * @param leaves the leaves stored
 * @param verifiedSize the tree size of the latest signed checkpoint that verified and matched the leaves
 * @param latestCheckpoint that checkpoint's note
 * @param problems what does not hold; empty when the log verified
 */
public record AuditReport(long leaves, long verifiedSize, Optional<String> latestCheckpoint, List<Problem> problems) {
    public AuditReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One problem.
     *
     * @param leaf the first leaf it concerns, when one can be named
     * @param message one line
     */
    public record Problem(OptionalLong leaf, String message) {}

    public ObjectNode toJson() {
        ObjectNode out = JsonCodec.mapper().createObjectNode();
        out.put("ok", ok());
        out.put("leaves", leaves);
        out.put("verifiedTreeSize", verifiedSize);
        latestCheckpoint.ifPresent(c -> out.put("checkpoint", c));
        ArrayNode list = out.putArray("problems");
        for (Problem p : problems) {
            ObjectNode node = list.addObject();
            p.leaf().ifPresent(l -> node.put("leaf", l));
            node.put("message", p.message());
        }
        return out;
    }
}
