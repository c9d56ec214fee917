package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docs/CLI.md's command reference is the usage help of every command, rendered from the command model
 * the CLI runs with ({@link Main#model()}). This test fails when the committed file differs from what
 * the model renders now; {@code -Dprovenant.docs.update=true} rewrites the generated part instead.
 */
class CliReferenceTest {
    static final String BEGIN = "<!-- BEGIN GENERATED: the usage help of every command (CliReferenceTest) -->";
    static final String END = "<!-- END GENERATED -->";
    private static final Path DOC = Path.of("..", "docs", "CLI.md");

    @Test
    void docsCliMdIsTheCommandModelsHelp() throws IOException {
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = committed.indexOf(BEGIN);
        int end = committed.indexOf(END);
        assertThat(begin).as("docs/CLI.md has the generated-part markers").isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(begin);
        String fresh = committed.substring(0, begin) + BEGIN + "\n" + reference(Main.model()) + committed.substring(end);
        if (fresh.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean("provenant.docs.update")) {
            Path temp = DOC.resolveSibling("CLI.md.tmp");
            Files.writeString(temp, fresh, StandardCharsets.UTF_8);
            Files.move(temp, DOC, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        fail("docs/CLI.md is not the usage help of the commands as built: run "
                + "mvn -B -pl cli -am test -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dprovenant.docs.update=true and commit docs/CLI.md");
    }

    /** One section per command, depth first in the order help lists them, each its --help in a code block. */
    static String reference(CommandSpec top) {
        List<CommandSpec> commands = new ArrayList<>();
        collect(top, commands, new IdentityHashMap<>());
        StringBuilder out = new StringBuilder();
        for (CommandSpec spec : commands) {
            spec.usageMessage().autoWidth(false).width(100);
        }
        for (CommandSpec spec : commands) {
            out.append("\n### ").append(spec.qualifiedName()).append("\n\n```\n");
            String help = spec.commandLine().getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            for (String line : help.split("\\R", -1)) {
                out.append(line.stripTrailing()).append('\n');
            }
            while (out.charAt(out.length() - 2) == '\n') {
                out.setLength(out.length() - 1);
            }
            out.append("```\n");
        }
        return out.append('\n').toString();
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into, Map<CommandSpec, Boolean> seen) {
        if (seen.put(spec, Boolean.TRUE) != null) {
            return;
        }
        into.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            collect(sub.getCommandSpec(), into, seen);
        }
    }
}
