package dev.provenant.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Binds an option or parameter of a picocli model built in code to a field of its command, through
 * accessors instead of reflection. The top-level command and the hot subcommands build their models
 * this way (see {@link ProvenantCommand}).
 */
final class Binding<V> implements IGetter, ISetter {
    private final Supplier<V> getter;
    private final Consumer<V> setter;

    Binding(Supplier<V> getter, Consumer<V> setter) {
        this.getter = getter;
        this.setter = setter;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
        T previous = (T) getter.get();
        setter.accept((V) value);
        return previous;
    }

    /** An option with a value, bound to a field. */
    static <V> OptionSpec.Builder option(String name, Class<?> type, Supplier<V> getter, Consumer<V> setter) {
        Binding<V> binding = new Binding<>(getter, setter);
        return OptionSpec.builder(name).type(type).getter(binding).setter(binding).initialValue(getter.get()).hasInitialValue(true);
    }

    /** A flag bound to a boolean field. */
    static OptionSpec.Builder flag(String[] names, Supplier<Boolean> getter, Consumer<Boolean> setter) {
        Binding<Boolean> binding = new Binding<>(getter, setter);
        return OptionSpec.builder(names).type(boolean.class).arity("0").getter(binding).setter(binding)
                .initialValue(getter.get()).hasInitialValue(true);
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
