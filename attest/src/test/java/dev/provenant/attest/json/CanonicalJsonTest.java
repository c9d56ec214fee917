package dev.provenant.attest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors checked against securesystemslib 0.26's encode_canonical on this project's machines. */
class CanonicalJsonTest {
    private static JsonNode parse(String json) throws Exception {
        return JsonCodec.readTree(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void securesystemslibDocExamples() throws Exception {
        assertThat(CanonicalJson.encodeToString(parse("\"\""))).isEqualTo("\"\"");
        assertThat(CanonicalJson.encodeToString(parse("[1, 2, 3]"))).isEqualTo("[1,2,3]");
        assertThat(CanonicalJson.encodeToString(parse("[]"))).isEqualTo("[]");
        assertThat(CanonicalJson.encodeToString(parse("{\"A\": [99]}"))).isEqualTo("{\"A\":[99]}");
        assertThat(CanonicalJson.encodeToString(parse("{\"y\" : 2, \"x\" : 3}"))).isEqualTo("{\"x\":3,\"y\":2}");
    }

    @Test
    void unicodeEscapesAndKeyOrderMatchPython() throws Exception {
        // Python: encode_canonical({"a": "\u00e9\u2603\U0001F600 \"q\" \\ \n\t\u0001", "b": [1, -2, True, False, None, {}],
        //   "A": {"z": 0, "\u00e9": 1, "Z": 2, "\U0001F600": 3, "\uffff": 4}}).encode("utf-8").hex()
        String expected = "7b2241223a7b225a223a322c227a223a302c22c3a9223a312c22efbfbf223a342c22f09f9880223a337d2c2261223a"
                + "22c3a9e29883f09f9880205c22715c22205c5c200a0901222c2262223a5b312c2d322c747275652c66616c73652c6e756c6c2c7b7d5d7d";
        JsonNode node = parse("{\"a\": \"\\u00e9\\u2603\\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\t\\u0001\","
                + " \"b\": [1, -2, true, false, null, {}],"
                + " \"A\": {\"z\": 0, \"\\u00e9\": 1, \"Z\": 2, \"\\ud83d\\ude00\": 3, \"\\uffff\": 4}}");
        assertThat(HexFormat.of().formatHex(CanonicalJson.encode(node))).isEqualTo(expected);
    }

    @Test
    void bigIntegersAreWrittenWhole() throws Exception {
        assertThat(CanonicalJson.encodeToString(parse("[123456789012345678901234567890, -0, 0]")))
                .isEqualTo("[123456789012345678901234567890,0,0]");
    }

    @Test
    void refusesWhatCanonicalJsonCannotHold() throws Exception {
        assertThatThrownBy(() -> CanonicalJson.encode(parse("{\"x\": 1.5}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fractional");
        assertThatThrownBy(() -> CanonicalJson.encode(parse("1e3"))).isInstanceOf(IllegalArgumentException.class);
        ObjectNode lone = JsonNodeFactory.instance.objectNode().put("k", "\ud800x");
        assertThatThrownBy(() -> CanonicalJson.encode(lone)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> CanonicalJson.encode(JsonNodeFactory.instance.binaryNode(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
