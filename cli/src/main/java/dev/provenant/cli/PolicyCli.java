package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PolicyProblem;
import java.util.List;
import picocli.CommandLine;

/** What the policy commands share: how an unusable policy is reported. */
final class PolicyCli {
    private PolicyCli() {}

    /** A policy that cannot be used: one line per problem on stderr (or JSON on stdout); exit 2. */
    static int unusable(CommandLine cmd, boolean json, PolicyException e) {
        if (json) {
            ObjectNode out = JsonCodec.mapper().createObjectNode();
            out.put("ok", false);
            out.put("exitCode", ExitCode.USAGE);
            out.put("error", "policy");
            out.put("message", e.getMessage());
            out.set("problems", problemsJson(e.problems()));
            Outputs.printJson(cmd, out);
        }
        for (PolicyProblem problem : e.problems()) {
            cmd.getErr().println("provenant: policy: " + problem.format(e.file()));
        }
        cmd.getErr().flush();
        return ExitCode.USAGE;
    }

    static ArrayNode problemsJson(List<PolicyProblem> problems) {
        ArrayNode array = JsonCodec.mapper().createArrayNode();
        for (PolicyProblem p : problems) {
            ObjectNode node = array.addObject();
            node.put("path", p.path());
            if (p.line() > 0) {
                node.put("line", p.line());
            }
            node.put("message", p.message());
        }
        return array;
    }
}
