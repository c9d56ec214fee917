package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack started with one Rekor API serves only that one and names only it in its signing config. */
class RekorApisTest {
    @TempDir
    Path dir;

    static List<Integer> versions(Path signingConfig) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (JsonNode s : JsonCodec.mapper().readTree(Files.readAllBytes(signingConfig)).path("rekorTlogUrls")) {
            out.add(s.path("majorApiVersion").asInt());
        }
        return out;
    }

    static HttpResponse<String> post(LocalSigstore stack, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.urls().rekor() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachChoiceServesAndNamesOnlyItsApis() throws Exception {
        try (LocalSigstore v1 = LocalSigstore.start(dir.resolve("v1"), 0, 0, Identity.parse("a@example.test"), RekorApis.V1)) {
            assertThat(versions(v1.signingConfig())).containsExactly(1);
            HttpResponse<String> refused = post(v1, RekorV2Api.ENTRIES_PATH);
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("Rekor v1 only");
            assertThat(post(v1, RekorV1Api.ENTRIES_PATH).statusCode()).isEqualTo(400); // served: {} is a bad proposal
        }
        try (LocalSigstore v2 = LocalSigstore.start(dir.resolve("v2"), 0, 0, Identity.parse("a@example.test"), RekorApis.V2)) {
            assertThat(versions(v2.signingConfig())).containsExactly(2);
            assertThat(post(v2, RekorV1Api.ENTRIES_PATH).statusCode()).isEqualTo(404);
            assertThat(post(v2, RekorV2Api.ENTRIES_PATH).statusCode()).isEqualTo(400);
        }
        try (LocalSigstore both = LocalSigstore.start(dir.resolve("both"), 0, 0, Identity.parse("a@example.test"))) {
            assertThat(versions(both.signingConfig())).containsExactly(1, 2);
        }
        assertThatThrownBy(() -> RekorApis.parse("v3")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1, v2 or both");
    }
}
