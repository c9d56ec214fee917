package dev.provenant.attest.slsa;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import java.util.List;
import java.util.Objects;

/** The SLSA Provenance v1 predicate, {@code https://slsa.dev/provenance/v1}. */
@JsonPropertyOrder({"buildDefinition", "runDetails"})
public record ProvenancePredicate(BuildDefinition buildDefinition, RunDetails runDetails) {
    public static final String TYPE = "https://slsa.dev/provenance/v1";

    public ProvenancePredicate {
        Objects.requireNonNull(buildDefinition, "buildDefinition is required");
        Objects.requireNonNull(runDetails, "runDetails is required");
    }

    /** A Statement v1 about {@code subjects} with this predicate. */
    public Statement statement(List<ResourceDescriptor> subjects) {
        return Statement.of(subjects, TYPE, JsonCodec.mapper().valueToTree(this));
    }

    /** Reads and checks the predicate of a statement that claims to be SLSA v1 provenance. */
    public static ProvenancePredicate of(Statement statement) throws FormatException {
        if (!TYPE.equals(statement.predicateType())) {
            throw new FormatException("predicateType is " + statement.predicateType() + ", not " + TYPE);
        }
        JsonNode predicate = statement.predicate();
        return JsonCodec.read(JsonCodec.write(predicate), ProvenancePredicate.class, "SLSA provenance predicate");
    }
}
