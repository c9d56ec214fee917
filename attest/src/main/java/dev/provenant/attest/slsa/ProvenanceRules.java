package dev.provenant.attest.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.Rfc3339Time;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The in-toto Statement v1 and SLSA Provenance v1 rules, checked on a JSON document from any source:
 * required fields, field types, TypeURIs, digest encodings and RFC 3339 UTC timestamps. Returns every
 * violation, not just the first, so a generator's author sees them all at once.
 */
public final class ProvenanceRules {
    private ProvenanceRules() {}

    public static List<String> violations(JsonNode statement) {
        List<String> out = new ArrayList<>();
        if (!"https://in-toto.io/Statement/v1".equals(statement.path("_type").asText())) {
            out.add("_type must be https://in-toto.io/Statement/v1");
        }
        JsonNode subjects = statement.path("subject");
        if (!subjects.isArray() || subjects.isEmpty()) {
            out.add("subject must be a non-empty array");
        } else {
            for (int i = 0; i < subjects.size(); i++) {
                checkDigestSet(subjects.get(i).path("digest"), "subject[" + i + "].digest", true, out);
            }
        }
        if (!ProvenancePredicate.TYPE.equals(statement.path("predicateType").asText())) {
            out.add("predicateType must be " + ProvenancePredicate.TYPE);
        }
        JsonNode predicate = statement.path("predicate");
        JsonNode definition = predicate.path("buildDefinition");
        checkUri(definition.path("buildType"), "predicate.buildDefinition.buildType", out);
        if (!definition.path("externalParameters").isObject()) {
            out.add("predicate.buildDefinition.externalParameters must be an object");
        }
        if (!definition.path("internalParameters").isMissingNode() && !definition.path("internalParameters").isObject()) {
            out.add("predicate.buildDefinition.internalParameters must be an object");
        }
        JsonNode deps = definition.path("resolvedDependencies");
        if (!deps.isMissingNode()) {
            if (!deps.isArray()) {
                out.add("predicate.buildDefinition.resolvedDependencies must be an array");
            } else {
                for (int i = 0; i < deps.size(); i++) {
                    JsonNode d = deps.get(i);
                    String where = "predicate.buildDefinition.resolvedDependencies[" + i + "]";
                    if (d.path("uri").isMissingNode() && d.path("digest").isMissingNode() && d.path("content").isMissingNode()) {
                        out.add(where + " needs a uri, digest or content");
                    }
                    if (!d.path("digest").isMissingNode()) {
                        checkDigestSet(d.path("digest"), where + ".digest", false, out);
                    }
                }
            }
        }
        JsonNode run = predicate.path("runDetails");
        checkUri(run.path("builder").path("id"), "predicate.runDetails.builder.id", out);
        JsonNode metadata = run.path("metadata");
        for (String field : new String[] {"startedOn", "finishedOn"}) {
            JsonNode t = metadata.path(field);
            if (!t.isMissingNode()) {
                checkTime(t, "predicate.runDetails.metadata." + field, out);
            }
        }
        return out;
    }

    private static void checkDigestSet(JsonNode digest, String where, boolean required, List<String> out) {
        if (!digest.isObject() || (required && digest.isEmpty())) {
            out.add(where + " must be a non-empty object of algorithm to digest");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = digest.fields(); it.hasNext(); ) {
            var e = it.next();
            int expected = switch (e.getKey()) {
                case "sha256" -> 64;
                case "sha384" -> 96;
                case "sha512" -> 128;
                case "sha1", "gitCommit", "gitTree", "gitBlob", "gitTag" -> -40;
                default -> 0;
            };
            String value = e.getValue().asText();
            if (!e.getValue().isTextual() || value.isEmpty()) {
                out.add(where + "." + e.getKey() + " must be a non-empty string");
            } else if (expected > 0 && !value.matches("[0-9a-f]{" + expected + "}")) {
                out.add(where + "." + e.getKey() + " must be " + expected + " lowercase hex digits");
            } else if (expected < 0 && !value.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
                out.add(where + "." + e.getKey() + " must be 40 or 64 lowercase hex digits");
            }
        }
    }

    private static void checkUri(JsonNode node, String where, List<String> out) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            out.add(where + " is required");
            return;
        }
        try {
            if (!new URI(node.asText()).isAbsolute()) {
                out.add(where + " must be an absolute URI");
            }
        } catch (URISyntaxException e) {
            out.add(where + " is not a URI");
        }
    }

    private static void checkTime(JsonNode node, String where, List<String> out) {
        String value = node.asText();
        if (!node.isTextual() || !value.endsWith("Z")) {
            out.add(where + " must be an RFC 3339 time in UTC (ending in Z)");
            return;
        }
        try {
            Rfc3339Time.parse(value);
        } catch (IllegalArgumentException e) {
            out.add(where + " is not an RFC 3339 time");
        }
    }
}
