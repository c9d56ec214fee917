package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.List;
import java.util.Objects;

/** SLSA v1 {@code runDetails}: who ran this build, when, and what else it produced. */
@JsonPropertyOrder({"builder", "metadata", "byproducts"})
public record RunDetails(
        Builder builder,
        @JsonInclude(JsonInclude.Include.NON_NULL) BuildMetadata metadata,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ResourceDescriptor> byproducts) {
    public RunDetails {
        Objects.requireNonNull(builder, "runDetails.builder is required");
        byproducts = byproducts == null ? List.of() : List.copyOf(byproducts);
    }
}
