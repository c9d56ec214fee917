package dev.provenant.intoto.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.sslib.SslibPublicKey;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code signed} part of an in-toto v1.0 layout ({@code "_type": "layout"}): its expiry, the
 * functionary keys by keyid, the steps and the inspections. Checked as in-toto's Layout.validate does,
 * so a layout in-toto-verify refuses is refused here too.
 */
public record Layout(Instant expires, Map<String, SslibPublicKey> keys, List<Step> steps, List<Inspection> inspections) {
    public static final String TYPE = "layout";

    private static final Pattern EXPIRES = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    private static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);

    public Layout {
        keys = Map.copyOf(keys);
        steps = List.copyOf(steps);
        inspections = List.copyOf(inspections);
    }

    public static Layout fromJson(JsonNode signed) throws FormatException {
        if (!signed.path("_type").isTextual() || !TYPE.equals(signed.get("_type").textValue())) {
            throw new FormatException("not an in-toto layout: _type must be \"layout\"");
        }
        if (signed.has("readme") && !signed.get("readme").isTextual()) {
            throw new FormatException("layout readme must be a string");
        }
        Instant expires = expires(signed.path("expires"));
        Map<String, SslibPublicKey> keys = keys(signed.path("keys"));
        Set<String> names = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : list(signed, "steps", "layout")) {
            Step step = step(s, keys);
            if (!names.add(step.name())) {
                throw new FormatException("layout has two steps or inspections named '" + step.name() + "'");
            }
            steps.add(step);
        }
        List<Inspection> inspections = new ArrayList<>();
        for (JsonNode i : list(signed, "inspect", "layout")) {
            String name = text(i, "name", "inspection");
            type(i, "inspection", "inspection " + name);
            if (!names.add(name)) {
                throw new FormatException("layout has two steps or inspections named '" + name + "'");
            }
            inspections.add(new Inspection(name, strings(i, "run", "inspection " + name), rules(i, "expected_materials", name),
                    rules(i, "expected_products", name)));
        }
        return new Layout(expires, keys, steps, inspections);
    }

    /** As securesystemslib's ISO8601_DATETIME_SCHEMA: {@code YYYY-MM-DDTHH:MM:SSZ}, a real date and time, UTC. */
    private static Instant expires(JsonNode value) throws FormatException {
        if (!value.isTextual() || !EXPIRES.matcher(value.textValue()).matches()) {
            throw new FormatException("layout expires must be a UTC date and time as YYYY-MM-DDTHH:MM:SSZ, not " + shorten(value));
        }
        try {
            return LocalDateTime.parse(value.textValue(), EXPIRES_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new FormatException("layout expires is not a date and time: " + value.textValue());
        }
    }

    /**
     * Each key under the keyid securesystemslib computes for it, so one key cannot stand under two
     * keyids, nor a keyid for another key; a key's own keyid field, if any, must agree, and a public key
     * carries no private part.
     */
    private static Map<String, SslibPublicKey> keys(JsonNode keysNode) throws FormatException {
        Map<String, SslibPublicKey> keys = new LinkedHashMap<>();
        if (keysNode.isMissingNode()) {
            return keys;
        }
        if (!keysNode.isObject()) {
            throw new FormatException("layout keys must be an object of keyid to key");
        }
        for (var e : keysNode.properties()) {
            String keyid = e.getKey();
            JsonNode node = e.getValue();
            if (!node.isObject()) {
                throw new FormatException("layout key " + keyid + " must be an object");
            }
            SslibPublicKey key = SslibPublicKey.fromJson(node);
            if (!key.keyid().equals(keyid)) {
                throw new FormatException("layout key " + keyid + " is not that key's keyid, which is " + key.keyid());
            }
            if (node.has("keyid") && !keyid.equals(node.get("keyid").asText(null))) {
                throw new FormatException("layout key " + keyid + " says its keyid is " + shorten(node.get("keyid")));
            }
            JsonNode priv = node.path("keyval").path("private");
            if (!priv.isMissingNode() && !(priv.isTextual() && priv.textValue().isEmpty())) {
                throw new FormatException("layout key " + keyid + " holds a private part");
            }
            keys.put(keyid, key);
        }
        return keys;
    }

    private static Step step(JsonNode s, Map<String, SslibPublicKey> keys) throws FormatException {
        String name = text(s, "name", "step");
        type(s, "step", "step " + name);
        // a keyid listed twice is one functionary, as in in-toto-verify, which keeps one link per keyid
        Set<String> pubkeys = new LinkedHashSet<>(strings(s, "pubkeys", "step " + name));
        for (String keyid : pubkeys) {
            if (!keys.containsKey(keyid)) {
                throw new FormatException("step " + name + " names key " + keyid + ", which the layout's keys do not hold");
            }
        }
        return new Step(name, List.copyOf(pubkeys), threshold(s.path("threshold"), name, pubkeys.size()),
                strings(s, "expected_command", "step " + name), rules(s, "expected_materials", name), rules(s, "expected_products", name),
                SandboxRequirement.fromJson(s, name));
    }

    /** 1 when absent; otherwise an integer from 1 to the number of distinct keys the step authorizes. */
    private static int threshold(JsonNode threshold, String step, int keys) throws FormatException {
        if (threshold.isMissingNode()) {
            if (keys < 1) {
                throw new FormatException("step " + step + " authorizes no key, so no link can satisfy its threshold of 1");
            }
            return 1;
        }
        if (!threshold.isIntegralNumber() || !threshold.canConvertToInt() || threshold.intValue() < 1 || threshold.intValue() > keys) {
            throw new FormatException("step " + step + " threshold must be an integer from 1 to the " + keys
                    + " distinct key(s) it authorizes, not " + shorten(threshold));
        }
        return threshold.intValue();
    }

    private static void type(JsonNode item, String expected, String what) throws FormatException {
        if (!expected.equals(item.path("_type").asText(null)) || !item.path("_type").isTextual()) {
            throw new FormatException(what + " _type must be \"" + expected + "\", not " + shorten(item.path("_type")));
        }
    }

    /** A JSON value for a message, cut short. */
    private static String shorten(JsonNode value) {
        String text = value.isMissingNode() ? "absent" : value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static List<ArtifactRule> rules(JsonNode item, String field, String name) throws FormatException {
        List<ArtifactRule> rules = new ArrayList<>();
        for (JsonNode r : list(item, field, name)) {
            if (!r.isArray()) {
                throw new FormatException(name + " " + field + ": every rule must be a list of strings");
            }
            List<String> words = new ArrayList<>();
            for (JsonNode w : r) {
                if (!w.isTextual()) {
                    throw new FormatException(name + " " + field + ": every rule must be a list of strings");
                }
                words.add(w.textValue());
            }
            try {
                rules.add(ArtifactRule.parse(words));
            } catch (FormatException e) {
                throw new FormatException(name + " " + field + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static JsonNode list(JsonNode node, String field, String what) throws FormatException {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new FormatException(what + " " + field + " must be a list");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field, String what) throws FormatException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : list(node, field, what)) {
            if (!v.isTextual()) {
                throw new FormatException(what + " " + field + " must be a list of strings");
            }
            out.add(v.textValue());
        }
        return out;
    }

    private static String text(JsonNode node, String field, String what) throws FormatException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new FormatException(what + " has no " + field);
        }
        return value.textValue();
    }
}
