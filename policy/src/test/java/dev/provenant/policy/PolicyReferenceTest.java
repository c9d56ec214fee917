package dev.provenant.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/POLICY.md's field reference is the policy JSON Schema the linter validates with
 * ({@link PolicyLinter#schemaTree()}): one table per object, each field with its type, whether it is
 * required and its description. This test fails when the committed file differs from the schema;
 * {@code -Dprovenant.docs.update=true} rewrites the generated part instead.
 */
class PolicyReferenceTest {
    static final String BEGIN = "<!-- BEGIN GENERATED: the fields of the policy JSON Schema (PolicyReferenceTest) -->";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void docsPolicyMdIsTheSchema() throws Exception {
        Path doc = PolicyLinterTest.ROOT.resolve("docs/POLICY.md");
        String committed = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = committed.indexOf(BEGIN);
        int end = committed.indexOf(END);
        assertThat(begin).as("docs/POLICY.md has the generated-part markers").isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(begin);
        String fresh = committed.substring(0, begin) + BEGIN + "\n" + reference(PolicyLinter.schemaTree())
                + committed.substring(end);
        if (fresh.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean("provenant.docs.update")) {
            Path temp = doc.resolveSibling("POLICY.md.tmp");
            Files.writeString(temp, fresh, StandardCharsets.UTF_8);
            Files.move(temp, doc, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        fail("docs/POLICY.md is not the policy schema: run "
                + "mvn -B -pl policy -am test -Dtest=PolicyReferenceTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dprovenant.docs.update=true and commit docs/POLICY.md");
    }

    /** The file's own fields, then each definition, in the schema's order. */
    static String reference(JsonNode schema) {
        StringBuilder out = new StringBuilder();
        section(out, "policy file", schema);
        for (Map.Entry<String, JsonNode> definition : schema.path("$defs").properties()) {
            section(out, definition.getKey(), definition.getValue());
        }
        return out.append('\n').toString();
    }

    private static void section(StringBuilder out, String name, JsonNode node) {
        out.append("\n### ").append(name).append("\n\n");
        if (node.has("description")) {
            out.append(node.get("description").asText()).append("\n\n");
        }
        if (!node.has("properties")) {
            out.append("A value: ").append(type(node)).append(".\n");
            return;
        }
        Set<String> required = new HashSet<>();
        node.path("required").forEach(field -> required.add(field.asText()));
        out.append("| field | value | required | description |\n| --- | --- | --- | --- |\n");
        for (Map.Entry<String, JsonNode> field : node.get("properties").properties()) {
            out.append("| `").append(field.getKey()).append("` | ").append(type(field.getValue()))
                    .append(" | ").append(required.contains(field.getKey()) ? "yes" : "")
                    .append(" | ").append(field.getValue().path("description").asText("").replace("|", "\\|"))
                    .append(" |\n");
        }
        List<String> rules = new ArrayList<>();
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            if (node.has(combinator)) {
                rules.add(combinator + " " + constraint(node.get(combinator)));
            }
        }
        if (!node.path("additionalProperties").asBoolean(true)) {
            rules.add("no other fields");
        }
        if (!rules.isEmpty()) {
            out.append("\nAlso: ").append(String.join("; ", rules)).append(".\n");
        }
    }

    private static String type(JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                return "`" + ref + "`";
            }
            String[] path = ref.substring("#/$defs/".length()).split("/");
            String link = "[" + path[0] + "](#" + path[0].toLowerCase(java.util.Locale.ROOT) + ")";
            // #/$defs/NAME/properties/FIELD: that field's value in definition NAME
            return path.length == 3 && path[1].equals("properties") ? "the `" + path[2] + "` of " + link : link;
        }
        if (node.has("const")) {
            return "`" + node.get("const").asText() + "`";
        }
        List<String> parts = new ArrayList<>();
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (node.has(combinator)) {
                List<String> alternatives = new ArrayList<>();
                node.get(combinator).forEach(alternative -> alternatives.add(type(alternative)));
                parts.add(String.join(" or ", alternatives));
            }
        }
        if (node.has("allOf")) {
            parts.add("all of " + constraint(node.get("allOf")));
        }
        String type = node.path("type").asText("");
        if (type.equals("array")) {
            parts.add("list of " + type(node.path("items")) + (node.has("minItems") ? ", at least " + node.get("minItems") : "")
                    + (node.path("uniqueItems").asBoolean() ? ", no repeats" : ""));
        } else if (!type.isEmpty()) {
            StringBuilder t = new StringBuilder(type);
            if (node.has("pattern")) {
                t.append(" matching `").append(node.get("pattern").asText().replace("|", "\\|")).append('`');
            } else if (node.path("minLength").asInt(0) > 0) {
                t.append(", not empty");
            }
            if (node.has("minimum")) {
                t.append(" ≥ ").append(node.get("minimum").asText());
            }
            parts.add(t.toString());
        }
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }

    /** A combinator's members, each as the fields it requires or the definition it names. */
    private static String constraint(JsonNode members) {
        List<String> out = new ArrayList<>();
        for (JsonNode member : members) {
            if (member.has("required")) {
                List<String> fields = new ArrayList<>();
                member.get("required").forEach(field -> fields.add("`" + field.asText() + "`"));
                out.add(String.join(" and ", fields));
            } else if (member.has("oneOf") || member.has("anyOf")) {
                out.add("(one of " + constraint(member.has("oneOf") ? member.get("oneOf") : member.get("anyOf")) + ")");
            } else {
                out.add(type(member));
            }
        }
        return String.join(", ", out);
    }

    @Test
    void everyDefinitionIsDocumented() {
        String reference = reference(PolicyLinter.schemaTree());
        PolicyLinter.schemaTree().path("$defs").fieldNames()
                .forEachRemaining(name -> assertThat(reference).contains("### " + name));
    }
}
