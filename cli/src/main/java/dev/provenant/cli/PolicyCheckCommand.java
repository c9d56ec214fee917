package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PolicyLinter;
import dev.provenant.policy.PolicyProblem;
import dev.provenant.policy.PromotionPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
        description = {"Lint a promotion policy: the JSON Schema Provenant ships for it, then what a schema cannot say",
            "(stages referred to exist and come earlier, thresholds can be met, regular expressions compile, key files",
            "read as public keys). Each problem is one line: FILE:LINE: PATH: what is wrong.",
            "Exit 0 when the policy is clean, 1 when it has problems, 2 when it cannot be read or parsed."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant policy check docs/promotion-policy.yaml",
            "  provenant policy check --json release-policy.yaml"})
final class PolicyCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY", description = "The policy file (YAML, or JSON with a .json name).")
    Path policy;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        PolicyLinter.Result result;
        try {
            result = new PolicyLinter().lint(policy);
        } catch (PolicyException e) {
            return PolicyCli.unusable(spec.commandLine(), common.json, e);
        }
        List<PolicyProblem> problems = result.problems();
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("ok", problems.isEmpty());
            out.put("exitCode", problems.isEmpty() ? ExitCode.OK : ExitCode.NOT_TRUSTED);
            out.put("policy", policy.toString());
            result.policy().ifPresent(p -> {
                out.put("digest", p.digest().toString());
                ArrayNode stages = out.putArray("stages");
                p.stageNames().forEach(stages::add);
            });
            out.set("problems", PolicyCli.problemsJson(problems));
            Outputs.printJson(spec.commandLine(), out);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            for (PolicyProblem problem : problems) {
                out.println(problem.format(policy.toString()));
            }
            if (problems.isEmpty()) {
                PromotionPolicy p = result.policy().orElseThrow();
                out.println(policy + ": OK: policy " + p.name() + ", stages " + String.join(" -> ", p.stageNames()));
            } else {
                spec.commandLine().getErr().println("provenant: " + policy + ": " + problems.size() + " problem(s)");
            }
            out.flush();
        }
        return problems.isEmpty() ? ExitCode.OK : ExitCode.NOT_TRUSTED;
    }
}
