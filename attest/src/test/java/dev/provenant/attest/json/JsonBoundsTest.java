package dev.provenant.attest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.Statement;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bounds on what one JSON document may cost, in both parsers. */
class JsonBoundsTest {
    private static byte[] array(int elements, String element) {
        StringBuilder json = new StringBuilder(elements * (element.length() + 1) + 2).append('[');
        for (int i = 0; i < elements; i++) {
            json.append(i == 0 ? "" : ",").append(element);
        }
        return json.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void strictParserReadsUpToItsValueCountAndRefusesOneMore() throws Exception {
        // The array itself is one value.
        int elements = StrictJsonReader.MAX_VALUES - 1;
        assertThat(JsonValue.parse(array(elements, "0"), "doc").size()).isEqualTo(elements);
        assertThatThrownBy(() -> JsonValue.parse(array(elements + 1, "0"), "doc"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("doc is malformed: more than 262144 values");
        assertThatThrownBy(() -> JsonValue.parse(array(elements + 1, "{}"), "doc"))
                .hasMessageStartingWith("doc is malformed: more than 262144 values");
    }

    @Test
    void strictParserSharesEmptyContainers() throws Exception {
        JsonValue v = JsonValue.parse("[{},{},[],[]]".getBytes(StandardCharsets.US_ASCII), "doc");
        assertThat(v.get(0).isObject()).isTrue();
        assertThat(v.get(2).isArray()).isTrue();
        assertThat(v.get(0).size()).isZero();
    }

    @Test
    void documentsAboveTheLargestInputCapAreRefusedBeforeParsing() {
        byte[] json = new byte[JsonValue.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(json, (byte) ' ');
        json[0] = '0';
        assertThat(JsonValue.MAX_DOCUMENT_BYTES).isEqualTo(8 << 20);
        assertThatThrownBy(() -> JsonValue.parse(json, "bundle"))
                .hasMessage("bundle is larger than the 8 MiB a JSON document may have");
        assertThatThrownBy(() -> JsonCodec.readTree(json, "statement"))
                .hasMessage("statement is larger than the 8 MiB a JSON document may have");
    }

    @Test
    void jacksonRefusesMoreTokensThanItsCap() throws Exception {
        // Each element is one token, and the array's start and end are two more.
        int fits = (int) JsonCodec.MAX_TOKENS - 2;
        assertThat(JsonCodec.readTree(array(fits, "0"), "doc").size()).isEqualTo(fits);
        assertThatThrownBy(() -> JsonCodec.readTree(array(fits + 1, "0"), "doc"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Token count (" + (JsonCodec.MAX_TOKENS + 1) + ") exceeds the maximum allowed");
    }

    @Test
    void jacksonRefusesLongNumbersAndDeepNestingAsTheStrictParserDoes() {
        String longNumber = "[" + "1".repeat(StrictJsonReader.MAX_NUMBER_LENGTH + 1) + "]";
        assertThatThrownBy(() -> JsonCodec.readTree(longNumber.getBytes(StandardCharsets.US_ASCII), "doc"))
                .hasMessageContaining("Number value length");
        assertThatThrownBy(() -> JsonValue.parse(longNumber.getBytes(StandardCharsets.US_ASCII), "doc"))
                .hasMessageContaining("number longer than 400 characters");
        int depth = StrictJsonReader.MAX_DEPTH + 1;
        String deep = "[".repeat(depth + 1) + "]".repeat(depth + 1);
        assertThatThrownBy(() -> JsonCodec.readTree(deep.getBytes(StandardCharsets.US_ASCII), "doc"))
                .hasMessageContaining("Document nesting depth");
        assertThatThrownBy(() -> Statement.parse(deep.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FormatException.class);
    }
}
