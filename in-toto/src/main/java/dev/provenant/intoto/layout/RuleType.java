package dev.provenant.intoto.layout;

import java.util.Locale;
import java.util.Optional;

/** The in-toto v1.0 artifact rule types (section 4.3.3), written in any case in a layout. */
public enum RuleType {
    MATCH, CREATE, DELETE, MODIFY, ALLOW, DISALLOW, REQUIRE;

    static Optional<RuleType> of(String word) {
        for (RuleType t : values()) {
            if (t.name().equals(word.toUpperCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
