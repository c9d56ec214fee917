package dev.provenant.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a policy against the JSON Schema Provenant ships for it ({@link #SCHEMA_RESOURCE}), then,
 * when it follows the schema, what a schema cannot say: that every stage it refers to exists and comes
 * earlier, thresholds are reachable, regular expressions compile, key files can be read and parsed.
 * Every problem is one line with its location.
 */
public final class PolicyLinter {
    /** The schema, as shipped in this module's jar (and as docs/promotion-policy-v1.schema.json). */
    public static final String SCHEMA_RESOURCE = "/dev/provenant/policy/promotion-policy-v1.schema.json";

    /**
     * What linting found.
     *
     * @param problems every problem, in document order
     * @param policy the bound policy, when there are no problems
     */
    public record Result(List<PolicyProblem> problems, Optional<PromotionPolicy> policy) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final Schema schema;

    public PolicyLinter() {
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
    }

    /** The shipped schema as a tree. */
    public static JsonNode schemaTree() {
        try (InputStream in = PolicyLinter.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the policy schema " + SCHEMA_RESOURCE + " is missing from the class path");
            }
            return JsonCodec.readTree(in.readAllBytes(), "policy schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Reads and lints {@code file}; a file that does not parse is a {@link PolicyException}. */
    public Result lint(Path file) throws IOException, PolicyException {
        return lint(PolicyDocument.read(file));
    }

    public Result lint(PolicyDocument document) {
        List<PolicyProblem> problems = schemaProblems(document);
        if (!problems.isEmpty()) {
            return new Result(problems, Optional.empty());
        }
        PolicyBinder binder = new PolicyBinder(document);
        PromotionPolicy policy = binder.bind();
        return binder.problems().isEmpty() ? new Result(List.of(), Optional.of(policy)) : new Result(binder.problems(), Optional.empty());
    }

    private List<PolicyProblem> schemaProblems(PolicyDocument document) {
        List<Error> errors = schema.validate(document.treeView());
        // oneOf/anyOf report every branch; one line per location and message is enough.
        Set<String> seen = new LinkedHashSet<>();
        List<PolicyProblem> out = new ArrayList<>();
        for (Error error : errors) {
            String path = path(error.getInstanceLocation());
            String message = message(error, path);
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path = PolicyPaths.field(path, error.getProperty());
            }
            if (seen.add(path + "\n" + message)) {
                out.add(document.problem(path, message));
            }
        }
        out.sort(Comparator.comparingInt(PolicyProblem::line));
        return out;
    }

    private static String path(NodePath location) {
        String path = "$";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? path + "[" + index + "]" : PolicyPaths.field(path, String.valueOf(element));
        }
        return path;
    }

    /** The validator's message without the location it may start with (the problem carries that). */
    private static String message(Error error, String path) {
        String message = error.getMessage();
        String located = error.getInstanceLocation().toString();
        if (message.startsWith(located + ": ")) {
            message = message.substring(located.length() + 2);
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return "unknown key '" + error.getProperty() + "'";
        }
        return message;
    }
}
