package dev.provenant.maven;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a goal's POM configuration and a {@code -D} user property disagree. Maven's own rule is that a parameter
 * configured explicitly in the POM ({@code <configuration>}) takes that value and the user property of the same
 * parameter is not read at all, silently. A build given {@code -Dprovenant.X=...} expects it to count, so a value
 * that differs from the POM's is an error naming both, and the removed shared {@code provenant.trustedRoot} is an
 * error naming the goals' own properties rather than a setting quietly ignored.
 */
final class ParameterConflicts {
    /** The user property every goal read before each had its own; now only refused. */
    static final String RETIRED_TRUSTED_ROOT = "provenant.trustedRoot";

    private ParameterConflicts() {}

    /**
     * A goal's parameter that has a user property.
     *
     * @param name the parameter's name, as in {@code <configuration>}
     * @param property its user property
     * @param type its Java type's name, for comparing values: files are compared resolved, booleans without case
     */
    record Parameter(String name, String property, String type) {}

    /** A parameter whose POM value and user property value differ. */
    record Conflict(String name, String property, String pomValue, String userValue) {
        String describe() {
            return "<" + name + ">" + pomValue + "</" + name + "> in the POM and -D" + property + "=" + userValue
                    + " disagree; Maven takes the POM's value and would ignore the -D one, so remove one of them"
                    + " (or write <" + name + ">${" + property + "}</" + name + "> in the POM to let -D choose)";
        }
    }

    /**
     * @param parameters the goal's parameters that have a user property
     * @param pomValue the value the POM configures explicitly for a parameter (evaluated, as the goal would receive it),
     *     empty when the POM leaves it to its user property or default
     * @param userProperties the build's {@code -D} user properties
     * @param basedir the project's base directory, against which relative file values are compared
     */
    static List<Conflict> find(List<Parameter> parameters, Function<Parameter, Optional<String>> pomValue,
            Map<String, String> userProperties, Path basedir) {
        List<Conflict> conflicts = new ArrayList<>();
        for (Parameter p : parameters) {
            String user = userProperties.get(p.property());
            if (user == null) {
                continue;
            }
            Optional<String> pom = pomValue.apply(p);
            if (pom.isPresent() && !same(p, pom.get(), user, basedir)) {
                conflicts.add(new Conflict(p.name(), p.property(), pom.get(), user));
            }
        }
        return conflicts;
    }

    /** The error for {@code -Dprovenant.trustedRoot}, which no goal reads any more; empty when it is not given. */
    static Optional<String> retired(Map<String, String> userProperties) {
        if (!userProperties.containsKey(RETIRED_TRUSTED_ROOT)) {
            return Optional.empty();
        }
        return Optional.of("-D" + RETIRED_TRUSTED_ROOT + " is no longer read: it changed every goal at once. Give each goal's own:"
                + " -Dprovenant.sign.trustedRoot (keyless signing), -Dprovenant.verify.trustedRoot (verify),"
                + " -Dprovenant.dependencies.trustedRoot (verify-dependencies, go-offline, lock)");
    }

    /**
     * The error when both a key and keyless signing are asked for. When keyless came from {@code -Dprovenant.keyless} and
     * the key from the POM, Maven cannot take the key out of the POM, so neither wins and the message says how to
     * choose.
     *
     * @param keyFromUser whether the key came from {@code -Dprovenant.key} rather than the POM's {@code <key>}
     * @param keylessFromUser whether keyless signing came from {@code -Dprovenant.keyless} rather than the POM
     */
    static String keyAndKeyless(boolean keyFromUser, boolean keylessFromUser) {
        if (keylessFromUser && !keyFromUser) {
            return "-Dprovenant.keyless=true asks for keyless signing, but the POM configures <key> (or <passphraseServerId>),"
                    + " which a -D property cannot remove; neither wins. To sign keyless, move <key> into a profile or write"
                    + " <key>${provenant.key}</key> and leave -Dprovenant.key unset; to sign with the key, drop -Dprovenant.keyless";
        }
        return "configure either <key> (-Dprovenant.key) or <keyless>true</keyless> (-Dprovenant.keyless), not both";
    }

    private static boolean same(Parameter p, String pom, String user, Path basedir) {
        if (p.type().equals("boolean") || p.type().equals("java.lang.Boolean")) {
            return pom.strip().toLowerCase(Locale.ROOT).equals(user.strip().toLowerCase(Locale.ROOT));
        }
        if (p.type().equals("java.io.File") && basedir != null) {
            try {
                return basedir.resolve(pom.strip()).normalize().equals(basedir.resolve(user.strip()).normalize());
            } catch (InvalidPathException e) {
                return false;
            }
        }
        return pom.equals(user);
    }
}
