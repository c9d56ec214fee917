package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The external parameters of Provenant's build types for CI systems without a published SLSA build
 * type: the source repository and ref that were built, the pipeline definition that ran, and the event
 * that started it. Absent values are left out rather than written empty.
 */
final class SourceParameters {
    private SourceParameters() {}

    static ObjectNode of(String repository, String ref, String pipeline, String event) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        putIfSet(source, "repository", repository);
        putIfSet(source, "ref", ref);
        ObjectNode external = JsonNodeFactory.instance.objectNode();
        external.set("source", source);
        putIfSet(external, "pipeline", pipeline);
        putIfSet(external, "event", event);
        return external;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }
}
