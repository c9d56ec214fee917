package dev.provenant.attest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValueTest {

    private static JsonValue parse(String json) throws FormatException {
        return JsonValue.parse(json.getBytes(StandardCharsets.UTF_8), "doc");
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        JsonValue v = parse(" {\"s\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-12.5e+3,\"i\":\"42\","
                + "\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{\"x\":[]}],\"o\":{}} \r\n");
        assertThat(v.isObject()).isTrue();
        assertThat(v.names()).containsExactly("s", "n", "i", "t", "f", "z", "a", "o");
        assertThat(v.text("s")).isEqualTo("a\"b\\c/\b\f\n\r\t\u00e9\ud83d\ude00");
        assertThat(v.path("n").isNumber()).isTrue();
        assertThat(v.int64("i")).isEqualTo(42);
        assertThat(v.path("z").isNull()).isTrue();
        assertThat(v.path("z").isPresent()).isFalse();
        assertThat(v.path("absent").isMissing()).isTrue();
        assertThat(v.text("z")).isNull();
        assertThat(v.text("absent")).isNull();
        assertThat(v.array("a")).hasSize(2);
        assertThat(v.path("a").get(1).path("x").isArray()).isTrue();
        assertThat(v.path("a").get(2).isMissing()).isTrue();
        assertThat(v.path("a").get(1).path("x").location()).isEqualTo("a[1].x");
        assertThat(v.object("o").size()).isZero();
        assertThat(v.int64("absent")).isZero();
    }

    @Test
    void int64AcceptsNumbersAndProtobufStringsOnly() throws Exception {
        JsonValue v = parse("{\"a\":9223372036854775807,\"b\":\"-9223372036854775808\",\"c\":1.0,\"d\":1.5,"
                + "\"e\":\"01\",\"f\":\"1e3\",\"g\":9223372036854775808,\"h\":true,\"i\":\"\"}");
        assertThat(v.int64("a")).isEqualTo(Long.MAX_VALUE);
        assertThat(v.int64("b")).isEqualTo(Long.MIN_VALUE);
        assertThat(v.int64("c")).isEqualTo(1);
        for (String bad : new String[] {"d", "e", "f", "g", "h", "i"}) {
            assertThatThrownBy(() -> v.int64(bad)).as(bad).isInstanceOf(FormatException.class)
                    .hasMessageStartingWith(bad + " must be");
        }
    }

    @Test
    void typedReadersNameTheMemberOfTheWrongType() throws Exception {
        JsonValue v = parse("{\"a\":{\"b\":[\"x\",7]},\"s\":5,\"o\":\"x\",\"l\":{}}");
        assertThatThrownBy(() -> v.text("s")).hasMessage("s must be a string");
        assertThatThrownBy(() -> v.object("o")).hasMessage("o must be an object");
        assertThatThrownBy(() -> v.array("l")).hasMessage("l must be an array");
        assertThatThrownBy(() -> v.object("a").texts("b")).hasMessage("a.b[1] must be a string");
        assertThatThrownBy(() -> v.object("a").objects("b")).hasMessage("a.b[0] must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[1.]", "[.5]", "[1e]",
        "[+1]", "[-]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\ud800\"]",
        "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"a\tb\"]", "[\"unterminated", "{\"a\":1} x", "[1] [2]",
        "/* c */ {}", "{\"a\":1,\"a\":2}", "[1 2]", "{\"a\":1 \"b\":2}"})
    void refusesMalformedDocumentsInOneLine(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("doc is").doesNotContain("\n"));
    }

    @Test
    void duplicateMembersAreRefusedWhereverTheyAre() {
        assertThatThrownBy(() -> parse("{\"a\":{\"b\":1,\"c\":{},\"b\":1}}"))
                .hasMessageStartingWith("doc is malformed: duplicate member \"b\" (line 1, column 20)");
    }

    @Test
    void aDuplicateIsPlacedAtTheStartOfItsSecondName() {
        assertThatThrownBy(() -> parse("{\"x\":1,\n  \"a\\\"b\":1, \"a\\\"b\" :2}"))
                .hasMessage("doc is malformed: duplicate member \"a\"b\" (line 2, column 13)");
    }

    @Test
    void refusesWhatJacksonAloneWouldLetThrough() {
        // a UTF-8-encoded surrogate (CESU-8), which Jackson's own decoder reads as a lone surrogate
        byte[] encodedSurrogate = {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'};
        assertThatThrownBy(() -> JsonValue.parse(encodedSurrogate, "doc")).hasMessage("doc is malformed: not UTF-8 text");
        assertThatThrownBy(() -> parse("{\"\\ud800\":1}")).hasMessageStartingWith("doc is malformed: unpaired surrogate");
        assertThatThrownBy(() -> parse("[\"\\ude00\\ud83d\"]")).hasMessageStartingWith("doc is malformed: unpaired surrogate");
        assertThatThrownBy(() -> parse("[1e99999999999]")).hasMessageStartingWith("doc is malformed: invalid number");
        // the sign counts towards a number's length
        assertThatThrownBy(() -> parse("[-" + "1".repeat(StrictJsonReader.MAX_NUMBER_LENGTH) + "]"))
                .hasMessageStartingWith("doc is malformed: number longer than 400 characters");
    }

    @Test
    void boundsTheDepthOfScalarsAsOfContainers() throws Exception {
        int limit = StrictJsonReader.MAX_DEPTH;
        assertThat(parse("[".repeat(limit) + "1" + "]".repeat(limit)).isArray()).isTrue();
        assertThatThrownBy(() -> parse("[".repeat(limit + 1) + "1" + "]".repeat(limit + 1)))
                .hasMessageStartingWith("doc is malformed: nested deeper than " + limit + " levels");
        assertThatThrownBy(() -> parse("[".repeat(limit + 1) + "{\"a\":1}" + "]".repeat(limit + 1)))
                .hasMessageStartingWith("doc is malformed: nested deeper than " + limit + " levels");
    }

    @Test
    void refusesInvalidUtf8AndSkipsAByteOrderMark() throws Exception {
        byte[] invalid = {'[', '"', (byte) 0xc3, '"', ']'};
        assertThatThrownBy(() -> JsonValue.parse(invalid, "doc")).hasMessage("doc is malformed: not UTF-8 text");
        byte[] overlong = {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'};
        assertThatThrownBy(() -> JsonValue.parse(overlong, "doc")).hasMessage("doc is malformed: not UTF-8 text");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', '1', ']'};
        assertThat(JsonValue.parse(bom, "doc").size()).isEqualTo(1);
    }

    @Test
    void boundsNesting() throws Exception {
        int limit = StrictJsonReader.MAX_DEPTH;
        assertThat(parse("[".repeat(limit + 1) + "]".repeat(limit + 1)).isArray()).isTrue();
        assertThatThrownBy(() -> parse("[".repeat(limit + 2) + "]".repeat(limit + 2)))
                .hasMessageContaining("nested deeper than " + limit);
        // Deep enough to overflow an unbounded recursive parser's stack.
        assertThatThrownBy(() -> parse("[".repeat(100_000))).hasMessageContaining("nested deeper");
    }

    @Test
    void agreesWithJacksonOnRandomDocuments() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String json = randomValue(random, 0);
            JsonNode expected = JsonCodec.readTree(json.getBytes(StandardCharsets.UTF_8), "jackson");
            assertThat(plain(parse(json))).as(json).isEqualTo(plain(expected));
        }
    }

    /** Both trees as plain Java values, numbers compared by value. */
    private static Object plain(JsonValue v) {
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String name : v.names()) {
                out.put(name, plain(v.path(name)));
            }
            return out;
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(plain(v.get(i)));
            }
            return out;
        }
        if (v.isNumber()) {
            return v.asNumber().stripTrailingZeros();
        }
        return v.isNull() ? "null" : v.isString() ? v.asText() : v.asBoolean();
    }

    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            n.fieldNames().forEachRemaining(name -> out.put(name, plain(n.get(name))));
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(plain(e)));
            return out;
        }
        if (n.isNumber()) {
            return n.decimalValue().stripTrailingZeros();
        }
        return n.isNull() ? "null" : n.isTextual() ? n.asText() : (Object) n.asBoolean();
    }

    private static String randomValue(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0: return quoted(random);
            case 1: return String.valueOf(random.nextInt(2000) - 1000) + (random.nextBoolean() ? "" : "." + random.nextInt(100));
            case 2: return random.nextBoolean() ? "true" : "false";
            case 3: return "null";
            case 4: {
                StringBuilder out = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",").append(randomValue(random, depth + 1));
                }
                return out.append(']').toString();
            }
            default: {
                StringBuilder out = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\" : ").append(randomValue(random, depth + 1));
                }
                return out.append('}').toString();
            }
        }
    }

    private static String quoted(Random random) {
        String[] pieces = {"a", "\\n", "\\\"", "\\u00e9", "\u00e9", "\ud83d\ude00", "\\ud83d\\ude00", "\\/", " ", "\\t"};
        StringBuilder out = new StringBuilder("\"");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.append('"').toString();
    }
}
