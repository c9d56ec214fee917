package dev.provenant.attest.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {
    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void writesTheV1ShapeAndRoundTrips() throws Exception {
        var predicate = JsonCodec.mapper().createObjectNode().put("b", 2).put("a", 1);
        Statement s = Statement.of(List.of(ResourceDescriptor.of("app.jar", Digest.parse("sha256:" + HEX))),
                "https://example.com/p/v1", predicate);
        String json = new String(s.toJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\","
                + "\"digest\":{\"sha256\":\"" + HEX + "\"}}],\"predicateType\":\"https://example.com/p/v1\","
                + "\"predicate\":{\"b\":2,\"a\":1}}");
        Statement back = Statement.parse(s.toJson());
        assertThat(back).isEqualTo(s);
        assertThat(back.toJson()).isEqualTo(s.toJson());
    }

    @Test
    void payloadTypesOfInTotoStatements() {
        assertThat(Statement.isPayloadType(Statement.PAYLOAD_TYPE)).isTrue();
        for (String v12 : List.of("application/vnd.in-toto.provenance+json", "application/vnd.in-toto.vsa+json",
                "application/vnd.in-toto.test-result+json", "application/vnd.in-toto.runtime-trace+json",
                "application/vnd.in-toto.spdx+json", "application/vnd.in-toto.cyclonedx+json")) {
            assertThat(Statement.isPayloadType(v12)).as(v12).isTrue();
        }
        for (String other : List.of("application/vnd.in-toto.+json", "application/vnd.in-toto.x+xml",
                "application/vnd.in-toto.provenance+dsse", "application/vnd.in-totox+json", "application/vnd.in-toto+jsonx",
                "application/vnd.other.provenance+json", "xapplication/vnd.in-toto.provenance+json",
                "application/vnd.in-toto.-x+json", "application/vnd.in-toto.x-+json", "application/vnd.in-toto..x+json",
                "application/vnd.in-toto.a/b+json", "application/vnd.in-toto.x+json\n", "application/json", "",
                "application/vnd.in-toto." + "a".repeat(200) + "+json")) {
            assertThat(Statement.isPayloadType(other)).as(other).isFalse();
        }
        assertThat(Statement.isPayloadType(null)).isFalse();
    }

    @Test
    void isImmutable() {
        var predicate = JsonCodec.mapper().createObjectNode().put("a", 1);
        Statement s = Statement.of(List.of(ResourceDescriptor.of("x", Digest.parse("sha256:" + HEX))), "t", predicate);
        predicate.put("a", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) s.predicate()).put("a", 3);
        assertThat(s.predicate().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void enforcesTheSpecification() {
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v9\",\"subject\":[{\"digest\":{\"sha256\":\"" + HEX
                + "\"}}],\"predicateType\":\"t\"}")).hasMessageContaining("_type");
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"t\"}"))
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\"}],\"predicateType\":\"t\"}"))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
                + HEX.toUpperCase() + "\"}}],\"predicateType\":\"t\"}")).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + HEX
                + "\"}}]}")).hasMessageContaining("predicateType");
        assertThatThrownBy(() -> parse("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + HEX
                + "\"}}],\"predicateType\":\"t\",\"predicate\":[1]}")).hasMessageContaining("predicate must be a JSON object");
    }

    private static Statement parse(String json) throws FormatException {
        return Statement.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
