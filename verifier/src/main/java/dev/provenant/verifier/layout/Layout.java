package dev.provenant.verifier.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.sslib.SslibPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code signed} part of an in-toto v1.0 layout ({@code "_type": "layout"}): its expiry, the
 * functionary keys by keyid, the steps and the inspections. Checked as in-toto's Layout.validate does,
 * so a layout in-toto-verify refuses is refused here too.
 */
public record Layout(Instant expires, Map<String, SslibPublicKey> keys, List<Step> steps, List<Inspection> inspections) {
    public static final String TYPE = "layout";

    public Layout {
        keys = Map.copyOf(keys);
        steps = List.copyOf(steps);
        inspections = List.copyOf(inspections);
    }

    public static Layout fromJson(JsonNode signed) throws FormatException {
        if (!TYPE.equals(signed.path("_type").asText(null))) {
            throw new FormatException("not an in-toto layout: _type must be \"layout\"");
        }
        Instant expires;
        try {
            expires = OffsetDateTime.parse(text(signed, "expires", "layout")).toInstant();
        } catch (DateTimeParseException e) {
            throw new FormatException("layout expires is not an ISO 8601 date and time: " + signed.path("expires").asText());
        }
        Map<String, SslibPublicKey> keys = new LinkedHashMap<>();
        JsonNode keysNode = signed.path("keys");
        if (!keysNode.isMissingNode() && !keysNode.isObject()) {
            throw new FormatException("layout keys must be an object of keyid to key");
        }
        for (var e : keysNode.properties()) {
            keys.put(e.getKey(), SslibPublicKey.fromJson(e.getValue()));
        }
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
            if (!names.add(name)) {
                throw new FormatException("layout has two steps or inspections named '" + name + "'");
            }
            inspections.add(new Inspection(name, strings(i, "run", "inspection " + name), rules(i, "expected_materials", name),
                    rules(i, "expected_products", name)));
        }
        return new Layout(expires, keys, steps, inspections);
    }

    private static Step step(JsonNode s, Map<String, SslibPublicKey> keys) throws FormatException {
        String name = text(s, "name", "step");
        List<String> pubkeys = strings(s, "pubkeys", "step " + name);
        for (String keyid : pubkeys) {
            if (!keys.containsKey(keyid)) {
                throw new FormatException("step " + name + " names key " + keyid + ", which the layout's keys do not hold");
            }
        }
        JsonNode threshold = s.path("threshold");
        if (!threshold.isMissingNode() && !threshold.isIntegralNumber()) {
            throw new FormatException("step " + name + " threshold must be an integer");
        }
        return new Step(name, pubkeys, threshold.isMissingNode() ? 1 : threshold.intValue(),
                strings(s, "expected_command", "step " + name), rules(s, "expected_materials", name), rules(s, "expected_products", name));
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
