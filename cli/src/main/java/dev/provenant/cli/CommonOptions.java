package dev.provenant.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command takes. Annotated commands mix them in with {@code @Mixin}; the commands whose
 * model is built in code (see {@link ProvenantCommand}) with {@link #spec()}, which declares the same
 * options (CommandSpecsTest checks that the two agree).
 */
final class CommonOptions {
    @Option(names = "--json", description = "Print a machine-readable JSON result on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on failure.")
    boolean verbose;

    /** These options as a picocli mixin built in code, bound to this object's fields. */
    CommandSpec spec() {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(Binding.flag(new String[] {"--json"}, () -> json, v -> json = v)
                .description("Print a machine-readable JSON result on stdout.").build());
        mixin.addOption(Binding.flag(new String[] {"-v", "--verbose"}, () -> verbose, v -> verbose = v)
                .description("Show stack traces on failure.").build());
        return mixin;
    }
}
