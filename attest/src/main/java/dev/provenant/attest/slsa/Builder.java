package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/** SLSA v1 {@code runDetails.builder}: the trusted entity that ran the build, named by a URI. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "version"})
public record Builder(String id, Map<String, String> version) {
    public Builder {
        ProvenanceUris.require("runDetails.builder.id", id);
        version = version == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(version));
    }

    public static Builder of(String id) {
        return new Builder(id, Map.of());
    }
}
