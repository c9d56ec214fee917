package dev.provenant.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command takes. Annotated commands mix them in with {@code @Mixin}; the commands whose
 * model is built in code (see {@link ProvenantCommand}) with {@link #spec()}, which declares the same
 * options (CommandSpecsTest checks that the two agree).
 */
final class CommonOptions implements Binding.Fields {
    @Option(names = "--json", description = "Print a machine-readable JSON result on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on failure.")
    boolean verbose;

    /** These options as a picocli mixin built in code, bound to this object's fields. */
    CommandSpec spec() {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(Binding.flag(this, "--json").description("Print a machine-readable JSON result on stdout.").build());
        mixin.addOption(Binding.flag(this, "-v", "--verbose").description("Show stack traces on failure.").build());
        return mixin;
    }

    @Override
    public Object get(String name) {
        switch (name) {
            case "--json": return json;
            case "-v": return verbose;
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public void set(String name, Object value) {
        switch (name) {
            case "--json": json = (Boolean) value; break;
            case "-v": verbose = (Boolean) value; break;
            default: throw new IllegalArgumentException(name);
        }
    }
}
