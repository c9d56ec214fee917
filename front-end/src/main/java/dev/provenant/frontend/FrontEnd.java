package dev.provenant.frontend;

/**
 * Which front end a user is typing into; hints name its settings in its own spelling. The library API
 * ({@code provenant-api}) names them as its option builders' methods, which are the Maven parameters.
 */
public enum FrontEnd {
    CLI,
    MAVEN,
    LIBRARY;

    /** The setting as this front end names it: {@code --key}, {@code <publicKey>} or {@code publicKey(..)}. */
    public String name(Setting setting) {
        return switch (this) {
            case CLI -> setting.flag();
            case MAVEN -> "<" + setting.parameter() + ">";
            case LIBRARY -> setting.parameter() + "(..)";
        };
    }

    /** The setting with a placeholder for its value, as a usage line shows it: {@code --key PUB} or {@code <publicKey>}. */
    public String usage(Setting setting) {
        return this == CLI ? setting.flag() + " " + setting.label() : name(setting);
    }

    /** The verb a hint uses to ask for a setting: one gives a flag, configures a parameter, sets an option. */
    String give() {
        return switch (this) {
            case CLI -> "give";
            case MAVEN -> "configure";
            case LIBRARY -> "set";
        };
    }
}
