package dev.provenant.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.supplychain.Coordinates;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class CycloneDxSbomTest {
    static final Coordinates APP = new Coordinates("org.example", "app", "1.0", "", "jar");
    static final SbomComponent SLF4J = new SbomComponent(new Coordinates("org.slf4j", "slf4j-api", "2.0.13", "", "jar"), "a".repeat(64),
            List.of(SbomComponent.License.spdx("MIT")));
    static final SbomComponent JSR = new SbomComponent(new Coordinates("com.google.code.findbugs", "jsr305", "3.0.2", "", "jar"),
            "b".repeat(64), List.of(SbomComponent.License.named("Some Licence")));
    static final SbomComponent TESTS = new SbomComponent(new Coordinates("org.example", "lib", "2.0", "tests", "test-jar"), "c".repeat(64),
            List.of());

    @Test
    void writesACycloneDx16DocumentOfTheVerifiedComponentsWithTheirDigests() throws Exception {
        UUID serial = UUID.fromString("00000000-0000-4000-8000-000000000001");
        byte[] bytes = CycloneDxSbom.write(APP, List.of(SLF4J, JSR, TESTS), Instant.parse("2026-12-04T10:00:00Z"), serial);
        JsonNode bom = JsonCodec.readTreeUniqueNames(bytes, "sbom");
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("serialNumber").asText()).isEqualTo("urn:uuid:" + serial);
        assertThat(bom.at("/metadata/timestamp").asText()).startsWith("2026-12-04T10:00:00");
        assertThat(bom.at("/metadata/component/purl").asText()).isEqualTo("pkg:maven/org.example/app@1.0");
        assertThat(bom.at("/metadata/component/type").asText()).isEqualTo("application");
        JsonNode components = bom.path("components");
        assertThat(components).hasSize(3);
        // sorted by package URL
        assertThat(components.get(0).path("purl").asText()).isEqualTo("pkg:maven/com.google.code.findbugs/jsr305@3.0.2");
        assertThat(components.get(1).path("purl").asText()).isEqualTo("pkg:maven/org.example/lib@2.0?classifier=tests&type=test-jar");
        JsonNode slf4j = components.get(2);
        assertThat(slf4j.path("bom-ref").asText()).isEqualTo("pkg:maven/org.slf4j/slf4j-api@2.0.13");
        assertThat(slf4j.path("group").asText()).isEqualTo("org.slf4j");
        assertThat(slf4j.path("name").asText()).isEqualTo("slf4j-api");
        assertThat(slf4j.path("version").asText()).isEqualTo("2.0.13");
        assertThat(slf4j.at("/hashes/0/alg").asText()).isEqualTo("SHA-256");
        assertThat(slf4j.at("/hashes/0/content").asText()).isEqualTo("a".repeat(64));
        assertThat(slf4j.at("/licenses/0/license/id").asText()).isEqualTo("MIT");
        assertThat(components.get(0).at("/licenses/0/license/name").asText()).isEqualTo("Some Licence");

        // the CycloneDX library reads it back as the same components
        Bom parsed = new JsonParser().parse(bytes);
        assertThat(parsed.getComponents()).extracting(c -> c.getPurl()).containsExactly(
                "pkg:maven/com.google.code.findbugs/jsr305@3.0.2", "pkg:maven/org.example/lib@2.0?classifier=tests&type=test-jar",
                "pkg:maven/org.slf4j/slf4j-api@2.0.13");
        assertThat(parsed.getComponents().get(2).getHashes().get(0).getValue()).isEqualTo("a".repeat(64));
    }

    @Test
    void aComponentNeedsItsSha256() {
        assertThatThrownBy(() -> new SbomComponent(APP, "AB".repeat(32), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SbomComponent(APP, "ab", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
