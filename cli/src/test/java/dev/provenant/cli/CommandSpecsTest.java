package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The option models built in code declare exactly what their annotated counterparts declare. */
class CommandSpecsTest {
    @Test
    void commonOptionsMatchTheirAnnotations() {
        assertSameOptions(new CommonOptions().spec(), CommandSpec.forAnnotatedObject(new CommonOptions()));
    }

    @Test
    void verifyOptionsMatchTheirAnnotations() {
        assertSameOptions(new VerifyOptions().spec(), CommandSpec.forAnnotatedObject(new VerifyOptions()));
    }

    @Test
    void registryOptionsMatchTheirAnnotations() {
        assertSameOptions(new RegistryOptions().spec(), CommandSpec.forAnnotatedObject(new RegistryOptions()));
    }

    @Test
    void builtRegistryOptionsBindToTheirFields() {
        RegistryOptions registry = new RegistryOptions();
        CommandSpec spec = CommandSpec.create();
        spec.addMixin("registry", registry.spec());
        new CommandLine(spec).parseArgs("--registry-ca", "ca.pem", "--allow-insecure-registry", "--registry-timeout", "5");
        assertThat(registry.registryCa).hasToString("ca.pem");
        assertThat(registry.allowInsecure).isTrue();
        assertThat(registry.timeoutSeconds).isEqualTo(5);
        assertThat(registry.dockerConfig).isNull();
    }

    @Test
    void standardHelpOptionsMatchPicocliMixin() {
        CommandSpec built = CommandSpec.create();
        Binding.addStandardHelpOptions(built);
        assertSameOptions(built, CommandSpec.create().mixinStandardHelpOptions(true));
    }

    @Test
    void builtOptionsBindToTheirFields() {
        VerifyOptions options = new VerifyOptions();
        CommonOptions common = new CommonOptions();
        CommandSpec spec = CommandSpec.create();
        spec.addMixin("options", options.spec());
        spec.addMixin("common", common.spec());
        new CommandLine(spec).parseArgs("--bundle", "b.json", "--certificate-identity", "id", "--require-tlog", "--json", "-v");
        assertThat(options.bundle).hasToString("b.json");
        assertThat(options.identity).isEqualTo("id");
        assertThat(options.requireTlog).isTrue();
        assertThat(options.key).isNull();
        assertThat(common.json).isTrue();
        assertThat(common.verbose).isTrue();
    }

    private static void assertSameOptions(CommandSpec built, CommandSpec annotated) {
        assertThat(describe(built.options())).isEqualTo(describe(annotated.options()));
    }

    /** Every attribute but the ones never shown or used: a flag's parameter label, and "" vs null for no resource key. */
    private static List<String> describe(List<OptionSpec> options) {
        return options.stream().map(o -> String.join("|",
                Arrays.toString(o.names()), o.arity().max() == 0 ? "" : o.paramLabel(), Arrays.toString(o.description()),
                o.descriptionKey() == null ? "" : o.descriptionKey(),
                o.type().getName(), Arrays.toString(o.auxiliaryTypes()), o.arity().toString(), String.valueOf(o.required()),
                String.valueOf(o.defaultValue()), String.valueOf(o.initialValue()), String.valueOf(o.usageHelp()),
                String.valueOf(o.versionHelp()), String.valueOf(o.hidden()), String.valueOf(o.negatable()),
                String.valueOf(o.interactive()), String.valueOf(o.order()), String.valueOf(o.splitRegex()),
                String.valueOf(o.showDefaultValue()))).toList();
    }
}
