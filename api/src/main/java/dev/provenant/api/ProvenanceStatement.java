package dev.provenant.api;

import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Generated SLSA v1 provenance: an unsigned in-toto Statement v1. Sign it with {@link Provenant#attest}. */
public final class ProvenanceStatement {
    private final Statement statement;
    private final String system;

    ProvenanceStatement(Statement statement, String system) {
        this.statement = statement;
        this.system = system;
    }

    /** The detected build system, e.g. {@code GitHub Actions}. */
    public String system() {
        return system;
    }

    /** {@code runDetails.builder.id}. */
    public String builderId() {
        return statement.predicate().at("/runDetails/builder/id").asText();
    }

    /** The subjects' names. */
    public List<String> subjects() {
        return statement.subject().stream().map(s -> s.name()).toList();
    }

    public Statement statement() {
        return statement;
    }

    /** The statement as JSON, as {@code provenant provenance} writes it unsigned. */
    public String toJson() {
        return new String(statement.toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "provenance for " + subjects().size() + " subject(s) from " + system + " (builder " + builderId() + ")";
    }
}
