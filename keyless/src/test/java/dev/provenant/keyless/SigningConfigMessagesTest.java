package dev.provenant.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.sigstore.proto.trustroot.v1.SigningConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct reader must give exactly the message protobuf's JSON parser gives, or refuse (and leave
 * the file to that parser): on the public-good config, the one shipped in Provenant, a config of the
 * embedded stack's shape, and the optional fields one by one.
 */
class SigningConfigMessagesTest {
    private static final String STACK = "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
            + "\"caUrls\": [{\"url\": \"https://127.0.0.1:41443\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2026-11-27T13:31:22Z\"}}],"
            + "\"oidcUrls\": [{\"url\": \"http://127.0.0.1:37679/oauth2\", \"majorApiVersion\": 1,"
            + " \"validFor\": {\"start\": \"2026-11-27T13:31:22.5Z\", \"end\": \"2030-01-01T00:00:00Z\"}}],"
            + "\"rekorTlogUrls\": [{\"url\": \"http://127.0.0.1:37679\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2026-11-27T13:31:22Z\"},"
            + " \"operator\": \"example.test\"},"
            + " {\"url\": \"http://127.0.0.1:37679\", \"majorApiVersion\": 2, \"validFor\": {\"start\": \"2026-11-27T13:31:22Z\"}}],"
            + "\"rekorTlogConfig\": {\"selector\": \"EXACT\", \"count\": 1},"
            + "\"tsaUrls\": [{\"url\": \"http://127.0.0.1:37679/api/v1/timestamp\", \"majorApiVersion\": 1}],"
            + "\"tsaConfig\": {\"selector\": \"ANY\"}}";

    private static SigningConfig protobufs(byte[] json) throws Exception {
        SigningConfig.Builder expected = SigningConfig.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(new String(json, StandardCharsets.UTF_8), expected);
        return expected.build();
    }

    @Test
    void givesTheSameMessageAsProtobufsParser() throws Exception {
        List<byte[]> configs = List.of(KeylessConfig.publicGoodSigningConfig(), STACK.getBytes(StandardCharsets.UTF_8),
                "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\"}".getBytes(StandardCharsets.UTF_8));
        for (byte[] json : configs) {
            SigningConfig ours = SigningConfigMessages.parse(json);
            assertThat(ours).isEqualTo(protobufs(json));
        }
        assertThat(SigningConfigMessages.parse(STACK.getBytes(StandardCharsets.UTF_8)).getRekorTlogUrlsCount()).isEqualTo(2);
    }

    @Test
    void aMalformedTimeIsRefusedAsMalformedInput() {
        // refused the way every other malformed field is (IllegalArgumentException or FormatException), not with
        // java.time's own exception type
        byte[] json = STACK.replace("2026-11-27T13:31:22Z", "2026-11-2]T13:31:22Z").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SigningConfigMessages.parse(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an RFC 3339 time");
    }

    @Test
    void refusesWhatItDoesNotKnowSoThatProtobufsParserDecides() {
        for (String json : List.of(
                "{\"mediaType\": \"m\", \"caUrls\": [{\"url\": \"https://ca\", \"somethingNew\": 1}]}",
                "{\"mediaType\": \"m\", \"newServices\": []}",
                "{\"mediaType\": \"m\", \"caUrls\": [{\"url\": \"https://ca\", \"majorApiVersion\": \"1\"}]}",
                "{\"mediaType\": \"m\", \"tsaConfig\": {\"selector\": \"SOMETIMES\"}}",
                "{\"caUrls\": []}")) {
            assertThatThrownBy(() -> SigningConfigMessages.parse(json.getBytes(StandardCharsets.UTF_8))).as(json)
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
