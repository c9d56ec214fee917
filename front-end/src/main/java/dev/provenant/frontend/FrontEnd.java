package dev.provenant.frontend;

/** Which front end a user is typing into; hints name its settings in its own spelling. */
public enum FrontEnd {
    CLI,
    MAVEN;

    /** The setting as this front end names it: {@code --key} or {@code <publicKey>}. */
    public String name(Setting setting) {
        return this == CLI ? setting.flag() : "<" + setting.parameter() + ">";
    }

    /** The setting with a placeholder for its value, as a usage line shows it: {@code --key PUB} or {@code <publicKey>}. */
    public String usage(Setting setting) {
        return this == CLI ? setting.flag() + " " + setting.label() : name(setting);
    }

    /** The verb a hint uses to ask for a setting: one gives a flag, one configures a parameter. */
    String give() {
        return this == CLI ? "give" : "configure";
    }
}
