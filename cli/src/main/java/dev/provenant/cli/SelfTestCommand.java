package dev.provenant.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "self-test", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Check this installation: sign and verify throwaway artifacts with each key type, read the",
            "shipped trusted root and check its certificate chains. Touches no file outside a temporary folder.",
            "The launcher also runs it once to record its class-data-sharing archive."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant self-test", "  provenant self-test --json"})
final class SelfTestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        SelfTest.Report report = new SelfTest().run();
        if (common.json) {
            ObjectNode out = Outputs.okJson();
            out.put("ok", report.passed());
            var checks = out.putArray("checks");
            report.lines().forEach(checks::add);
            Outputs.printJson(spec.commandLine(), out);
        } else {
            report.lines().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().println(report.passed() ? "self-test: OK" : "self-test: FAILED");
            spec.commandLine().getOut().flush();
        }
        return report.passed() ? ExitCode.OK : ExitCode.SERVICE;
    }
}
