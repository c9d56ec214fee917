package dev.provenant.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        subcommands = {PolicyCheckCommand.class},
        description = {"Work with promotion policies: the stages an artifact is promoted through and the evidence each requires.",
            "A policy is YAML or JSON (apiVersion: provenant.dev/policy/v1); docs/promotion-policy.yaml is a sample and",
            "docs/promotion-policy-v1.schema.json its JSON Schema. `provenant promote` applies a policy."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant policy check docs/promotion-policy.yaml",
            "  provenant policy check --json release-policy.yaml"})
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
