package dev.provenant.frontend;

/**
 * The one-line hints both front ends give, each naming the settings in the front end's own spelling
 * (flags for the CLI, parameters for the Maven plugin).
 */
public final class Hints {
    private final FrontEnd frontEnd;

    public Hints(FrontEnd frontEnd) {
        this.frontEnd = frontEnd;
    }

    public FrontEnd frontEnd() {
        return frontEnd;
    }

    /** Both a trusted key and a keyless identity were given. */
    public String keyAndIdentity() {
        return frontEnd.give() + " either " + frontEnd.name(Setting.KEY) + " (key-signed bundles) or "
                + frontEnd.name(Setting.IDENTITY) + " and " + frontEnd.name(Setting.ISSUER) + " (keyless bundles), not both";
    }

    /** Neither a trusted key nor a keyless identity was given. */
    public String noSigner() {
        return "say who must have signed: " + frontEnd.usage(Setting.KEY) + ", or " + frontEnd.usage(Setting.IDENTITY) + " and "
                + frontEnd.usage(Setting.ISSUER) + " (or their " + (frontEnd == FrontEnd.CLI ? "-regexp" : frontEnd == FrontEnd.MAVEN ? "-Regexp" : "...Regexp") + " forms)";
    }

    /** A signing config names a private instance, but its trusted root was left to the public-good default. */
    public String signingConfigWithoutRoot(String rootSource) {
        return frontEnd.name(Setting.SIGNING_CONFIG) + " without " + frontEnd.name(Setting.TRUSTED_ROOT)
                + ": the instance's certificates and log entries are checked against the " + rootSource;
    }
}
