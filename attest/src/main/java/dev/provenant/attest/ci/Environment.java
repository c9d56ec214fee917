package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.Rfc3339Time;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Read access to environment variables, so detectors run the same on a real process and in tests. */
public record Environment(Map<String, String> variables) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment ofProcess() {
        return new Environment(System.getenv());
    }

    /** The variable's value, or empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String getOrEmpty(String name) {
        return get(name).orElse("");
    }

    public boolean isTrue(String name) {
        return get(name).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /** A time in a variable, RFC 3339 with an offset (CI systems print local offsets) or in UTC. */
    public Optional<Instant> instant(String name) {
        return get(name).flatMap(v -> {
            try {
                return Optional.of(Rfc3339Time.parse(v));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** An object of the given variables that are set, keyed by the given names: {@code key, VARIABLE, key, VARIABLE...}. */
    public ObjectNode pick(String... keyThenVariable) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i + 1 < keyThenVariable.length; i += 2) {
            String key = keyThenVariable[i];
            get(keyThenVariable[i + 1]).ifPresent(v -> node.put(key, v));
        }
        return node;
    }
}
