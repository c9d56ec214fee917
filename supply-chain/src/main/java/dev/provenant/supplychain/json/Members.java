package dev.provenant.supplychain.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Typed members of the supply chain's JSON files (the lock file, the catalog, OSV records), read from a
 * tree the strict reader built: a member of another JSON type, a missing required one, an unknown one
 * or a repeated name in a set is a {@link FormatException} naming where it is.
 */
public final class Members {
    private Members() {
    }

    /** A required string member. */
    public static String text(JsonNode node, String name, String where) throws FormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new FormatException(where + ": " + name + " is missing or not a string");
        }
        return v.textValue();
    }

    /** An optional string member: absent is empty, another type is an error. */
    public static Optional<String> optionalText(JsonNode node, String name, String where) throws FormatException {
        JsonNode v = node.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new FormatException(where + ": " + name + " is not a string");
        }
        return Optional.of(v.textValue());
    }

    /** An array member; null when it is absent and not required. */
    public static JsonNode array(JsonNode node, String name, String where, boolean required) throws FormatException {
        JsonNode v = node.get(name);
        if (v == null && !required) {
            return null;
        }
        if (v == null || !v.isArray()) {
            throw new FormatException(where + ": " + name + " is missing or not an array");
        }
        return v;
    }

    /** A required array of strings read as a set: a non-string or a string given twice is an error. */
    public static SortedSet<String> stringSet(JsonNode node, String name, String where) throws FormatException {
        SortedSet<String> set = new TreeSet<>();
        for (JsonNode n : array(node, name, where, true)) {
            if (!n.isTextual()) {
                throw new FormatException(where + ": " + name + " holds a non-string");
            }
            if (!set.add(n.textValue())) {
                throw new FormatException(where + ": " + name + " names '" + n.textValue() + "' twice");
            }
        }
        return set;
    }

    /** Refuses a member the format does not define, so that a misspelt one is not silently ignored. */
    public static void onlyMembers(JsonNode node, Set<String> allowed, String where) throws FormatException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new FormatException(where + ": unknown member '" + name + "' (expected " + new TreeSet<>(allowed) + ")");
            }
        }
    }
}
