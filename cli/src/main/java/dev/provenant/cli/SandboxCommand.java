package dev.provenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.sandbox.SandboxProfile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        subcommands = {SandboxCommand.Check.class, SandboxCommand.Show.class},
        description = {"Work with sandbox profiles: what a step run with 'provenant run --sandbox PROFILE' may see, write,",
            "reach and use. A profile is JSON (apiVersion: provenant.dev/sandbox/v1); docs/sandbox-profile-v1.schema.json is",
            "its JSON Schema and docs/SANDBOX.md describes it. Built-in profiles: strict, build, test."},
        footerHeading = "%nExamples:%n",
        footer = {"  provenant sandbox check ci/build-sandbox.json",
            "  provenant sandbox show build > my-build.json"})
final class SandboxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, sortOptions = false,
            description = {"Check a sandbox profile: each problem is one line, FILE: FIELD: what is wrong; a clean profile",
                "prints its digest, which a layout can require of a step's sandbox.",
                "Exit 0 when the profile is clean, 1 when it has problems, 2 when it cannot be read or parsed."},
            footerHeading = "%nExamples:%n",
            footer = {"  provenant sandbox check ci/build-sandbox.json --json"})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROFILE", description = "The profile file (JSON).")
        Path file;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            JsonNode node;
            try {
                node = JsonCodec.readTreeUniqueNames(BoundedFile.read(file, InputLimit.SANDBOX_PROFILE), "sandbox profile");
            } catch (FormatException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
            List<String> problems = SandboxProfile.check(node);
            SandboxProfile profile = problems.isEmpty()
                    ? SandboxProfile.parse(node.toString().getBytes(StandardCharsets.UTF_8)) : null;
            if (common.json) {
                ObjectNode out = Outputs.okJson();
                out.put("ok", problems.isEmpty());
                out.put("exitCode", problems.isEmpty() ? ExitCode.OK : ExitCode.NOT_TRUSTED);
                out.put("profile", file.toString());
                if (profile != null) {
                    out.put("name", profile.name());
                    out.put("digest", profile.digest().toString());
                }
                ArrayNode list = out.putArray("problems");
                problems.forEach(list::add);
                Outputs.printJson(spec.commandLine(), out);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                problems.forEach(p -> out.println(file + ": " + p));
                if (profile != null) {
                    out.println(file + ": OK: profile " + profile.name() + ", network " + profile.network().word() + ", digest "
                            + profile.digest());
                } else {
                    spec.commandLine().getErr().println("provenant: " + file + ": " + problems.size() + " problem(s)");
                }
                out.flush();
            }
            return problems.isEmpty() ? ExitCode.OK : ExitCode.NOT_TRUSTED;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "Print a built-in profile (strict, build, test) as a profile file, with its digest on stderr.",
            footerHeading = "%nExamples:%n",
            footer = {"  provenant sandbox show strict > strict.json"})
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "strict, build or test.")
        String name;

        @Override
        public Integer call() throws Exception {
            SandboxProfile profile;
            try {
                profile = SandboxProfile.builtIn(name);
            } catch (FormatException e) {
                throw new UsageException(e.getMessage());
            }
            spec.commandLine().getOut().println(new String(JsonCodec.writePretty(profile.toJson()), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("digest " + profile.digest());
            return ExitCode.OK;
        }
    }
}
