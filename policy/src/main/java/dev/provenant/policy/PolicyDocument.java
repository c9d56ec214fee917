package dev.provenant.policy;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy file as read: its tree, the line every value starts on (so a problem can say where it
 * is), the file it came from and the SHA-256 of its bytes (which a VSA records as the policy digest).
 * YAML and JSON are both read; a {@code .json} file with the JSON parser, whose errors are clearer.
 */
public final class PolicyDocument {

    private final Path file;
    private final JsonNode tree;
    private final Map<String, Integer> lines;
    private final Digest digest;

    private PolicyDocument(Path file, JsonNode tree, Map<String, Integer> lines, Digest digest) {
        this.file = file;
        this.tree = tree;
        this.lines = Map.copyOf(lines);
        this.digest = digest;
    }

    /**
     * @throws IOException when the file cannot be read
     * @throws PolicyException when it is not YAML or JSON, is empty, or repeats a key
     */
    public static PolicyDocument read(Path file) throws IOException, PolicyException {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, InputLimit.POLICY);
        } catch (InputTooLargeException e) {
            throw new PolicyException(file.toString(), List.of(new PolicyProblem("$", 0,
                    "a policy file is at most " + InputLimit.POLICY.describeCap())));
        }
        return parse(file, bytes);
    }

    static PolicyDocument parse(Path file, byte[] bytes) throws PolicyException {
        boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxDocumentLength(InputLimit.POLICY.maxBytes()).maxTokenCount(JsonCodec.MAX_TOKENS).build());
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree;
        try (JsonParser parser = factory.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PolicyException(file.toString(), List.of(new PolicyProblem("$", 0, "the policy file is empty")));
            }
            tree = readValue(parser, "$", lines, file);
            if (parser.nextToken() != null) {
                throw problem(file, "$", parser.currentLocation().getLineNr(), "more than one document in the policy file");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw problem(file, "$", line, "not valid " + (json ? "JSON" : "YAML") + ": " + summary(message));
        } catch (IOException e) {
            throw problem(file, "$", 0, "cannot be parsed: " + firstLine(String.valueOf(e.getMessage())));
        }
        Digest digest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(bytes));
        return new PolicyDocument(file, tree, lines, digest);
    }

    /** Builds the tree from the parser's tokens, recording where each value starts. */
    private static JsonNode readValue(JsonParser parser, String path, Map<String, Integer> lines, Path file)
            throws IOException, PolicyException {
        lines.put(path, parser.currentTokenLocation().getLineNr());
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    String child = PolicyPaths.field(path, name);
                    if (object.has(name)) {
                        throw problem(file, child, keyLine, "key '" + name + "' appears twice");
                    }
                    parser.nextToken();
                    object.set(name, readValue(parser, child, lines, file));
                    lines.put(child, keyLine);
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, path + "[" + i++ + "]", lines, file));
                }
                return array;
            }
            case VALUE_STRING: return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT: return nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT: return nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE: return nodes.booleanNode(true);
            case VALUE_FALSE: return nodes.booleanNode(false);
            case VALUE_NULL: return nodes.nullNode();
            default: throw problem(file, path, parser.currentTokenLocation().getLineNr(),
                    "unsupported value " + parser.currentToken());
        }
    }

    private static PolicyException problem(Path file, String path, int line, String message) {
        return new PolicyException(file.toString(), List.of(new PolicyProblem(path, line, message)));
    }

    /**
     * The parser's message in one line: SnakeYAML's come as "while parsing X / excerpt / expected Y /
     * excerpt"; the unindented lines say what was wrong, the indented ones quote the input.
     */
    private static String summary(String message) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                out.append(out.length() == 0 ? "" : ": ").append(line.strip());
            }
        }
        return out.length() == 0 ? firstLine(message) : out.toString();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    public Path file() {
        return file;
    }

    public JsonNode tree() {
        return tree.deepCopy();
    }

    JsonNode treeView() {
        return tree;
    }

    /** SHA-256 of the file's bytes. */
    public Digest digest() {
        return digest;
    }

    /** The line {@code path} starts on, or of its nearest parent that is known; 0 when none is. */
    public int lineOf(String path) {
        for (String p = path; p != null; p = PolicyPaths.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    PolicyProblem problem(String path, String message) {
        return new PolicyProblem(path, lineOf(path), message);
    }
}
