package dev.provenant.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Binds an option or parameter of a picocli model built in code to a field of its command, by name
 * through {@link Fields} instead of reflection. The top-level command and the hot subcommands build
 * their models this way (see {@link ProvenantCommand}). The fields are reached through a switch, not
 * one lambda per accessor: each lambda is a class spun up at run time, about 0.4 ms apiece on a cold
 * start.
 */
final class Binding implements IGetter, ISetter {
    /** The fields a command or mixin exposes to picocli, by option name (or parameter label). */
    interface Fields {
        Object get(String name);

        void set(String name, Object value);
    }

    private final Fields fields;
    private final String name;

    private Binding(Fields fields, String name) {
        this.fields = fields;
        this.name = name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) fields.get(name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
        T previous = (T) fields.get(name);
        fields.set(name, value);
        return previous;
    }

    /** An option with a value, bound to the field {@code fields} keeps under its first name. */
    static OptionSpec.Builder option(Fields fields, Class<?> type, String... names) {
        Binding binding = new Binding(fields, names[0]);
        return OptionSpec.builder(names).type(type).getter(binding).setter(binding)
                .initialValue(binding.get()).hasInitialValue(true);
    }

    /** A flag bound to the boolean field {@code fields} keeps under its first name. */
    static OptionSpec.Builder flag(Fields fields, String... names) {
        return option(fields, boolean.class, names).arity("0");
    }

    /** A positional parameter bound to the field {@code fields} keeps under its label. */
    static PositionalParamSpec.Builder positional(Fields fields, Class<?> type, String paramLabel) {
        Binding binding = new Binding(fields, paramLabel);
        return PositionalParamSpec.builder().paramLabel(paramLabel).type(type).getter(binding).setter(binding);
    }

    /**
     * Adds {@code -h, --help} and {@code -V, --version} as {@code mixinStandardHelpOptions = true} does,
     * without reading the annotations of picocli's own mixin.
     */
    static void addStandardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).initialValue(false).hasInitialValue(true)
                .descriptionKey("mixinStandardHelpOptions.help").description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).initialValue(false).hasInitialValue(true)
                .descriptionKey("mixinStandardHelpOptions.version").description("Print version information and exit.").build());
    }
}
