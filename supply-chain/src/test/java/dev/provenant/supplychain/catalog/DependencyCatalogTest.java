package dev.provenant.supplychain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.io.InputTooLargeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyCatalogTest {
    static final String CATALOG = """
            {
              "catalogVersion": 1,
              "comment": "reviewed by the platform team",
              "licenses": ["Apache-2.0", "MIT"],
              "licenseNames": {"Acme Corporate License": "LicenseRef-acme"},
              "components": [
                {"component": "com.google.guava:guava", "versions": ["[32.0,34)"], "repository": "central"},
                {"component": "dev.sigstore:*", "versions": ["1.3.0", "[2.0,)"],
                 "signer": {"identity": "https://github.com/sigstore/x.yaml@refs/tags/v1.3.0", "issuer": "https://issuer.example"}},
                {"component": "com.acme:tool", "versions": ["2.1"], "licenses": ["LicenseRef-acme"], "comment": "in-house"}
              ],
              "deprecated": [
                {"component": "commons-lang:commons-lang", "replacement": "org.apache.commons:commons-lang3", "reason": "unmaintained"},
                {"component": "com.google.guava:guava", "versions": ["[32.0,33)"], "replacement": "com.google.guava:guava:33.0.0-jre"}
              ]
            }
            """;

    static DependencyCatalog parse(String json) throws FormatException {
        return DependencyCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "catalog.json");
    }

    @Test
    void readsEveryPartOfTheCatalog() throws Exception {
        DependencyCatalog c = parse(CATALOG);
        assertThat(c.licenses()).containsExactly("Apache-2.0", "MIT");
        assertThat(c.licenseNames()).containsEntry("Acme Corporate License", "LicenseRef-acme");
        assertThat(c.components()).hasSize(3);
        CatalogComponent guava = c.components().get(0);
        assertThat(guava.describe()).isEqualTo("components[0] (com.google.guava:guava [32.0,34))");
        assertThat(guava.repository()).contains("central");
        assertThat(guava.approves("33.2.1-jre")).isTrue();
        assertThat(guava.approves("34.0")).isFalse();
        CatalogComponent sigstore = c.components().get(1);
        assertThat(sigstore.covers("dev.sigstore", "anything")).isTrue();
        assertThat(sigstore.covers("dev.sigstorex", "anything")).isFalse();
        assertThat(sigstore.signer().orElseThrow().issuer()).contains("https://issuer.example");
        assertThat(c.components().get(2).licenses()).containsExactly("LicenseRef-acme");
        assertThat(c.deprecations()).hasSize(2);
        assertThat(c.deprecations().get(0).covers("commons-lang", "commons-lang", "2.6")).isTrue();
        assertThat(c.deprecations().get(1).covers("com.google.guava", "guava", "33.0.0-jre")).isFalse();
    }

    @Test
    void anExactVersionIsComparedAsMavenDoesAndNeverMeansEveryVersion() {
        assertThat(VersionSpec.parse("1.0").contains("1.0.0")).isTrue();
        assertThat(VersionSpec.parse("1.0").contains("1.0.1")).isFalse();
        assertThat(VersionSpec.parse("1.0-SNAPSHOT").contains("1.0")).isFalse();
        assertThat(VersionSpec.parse("[1.0,2.0)").contains("2.0-alpha1")).isTrue(); // Maven orders 2.0-alpha1 before 2.0
        assertThat(VersionSpec.parse("[1.0,2.0)").contains("2.0")).isFalse();
        assertThat(VersionSpec.parse("(,1.0],[1.2,)").contains("1.1")).isFalse();
        assertThat(VersionSpec.parse("(,1.0],[1.2,)").contains("1.2.5")).isTrue();
    }

    @Test
    void refusesMalformedVersionsAndRanges() {
        for (String bad : new String[] {"[1.0,2.0", "1.0,2.0", "", " 1.0", "[2.0,1.0]", "1.0)"}) {
            assertThatThrownBy(() -> VersionSpec.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readingIsStrict() {
        String[][] cases = {
            {"\"catalogVersion\": 1,", "\"catalogVersion\": 2,", "catalogVersion is 2"},
            {"\"comment\": \"reviewed by the platform team\",", "\"coment\": \"x\",", "unknown member 'coment'"},
            {"\"repository\": \"central\"}", "\"repository\": \"central\", \"repo\": \"x\"}", "components[0]: unknown member 'repo'"},
            {"[\"[32.0,34)\"]", "[\"[32.0,34\"]", "components[0]: version range '[32.0,34' is malformed"},
            {"[\"[32.0,34)\"]", "[]", "components[0]: versions is empty"},
            {"\"com.google.guava:guava\", \"versions\"", "\"com.google.*:guava\", \"versions\"", "is not GROUP:ARTIFACT or GROUP:*"},
            {"[\"Apache-2.0\", \"MIT\"]", "[\"Apache 2.0\"]", "licenses holds \"Apache 2.0\", not an SPDX license identifier"},
            {"\"replacement\": \"org.apache.commons:commons-lang3\", ", "", "deprecated[0]: replacement is missing"},
            {"\"1.3.0\", \"[2.0,)\"", "\"1.3.0\", \"1.3.0\"", "versions names '1.3.0' twice"},
            {"\"issuer\": \"https://issuer.example\"", "\"issuer\": \"https://issuer.example\", \"issuer\": \"y\"", "issuer"},
        };
        for (String[] c : cases) {
            assertThat(CATALOG).as(c[0]).contains(c[0]);
            String json = CATALOG.replace(c[0], c[1]);
            assertThatThrownBy(() -> parse(json)).as(c[0]).isInstanceOf(FormatException.class).hasMessageContaining(c[2]);
        }
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(FormatException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void theSchemaNamesEveryMemberTheReaderKnows() throws Exception {
        Path schema = Path.of(System.getProperty("provenant.docs", "../docs"), "dependency-catalog-v1.schema.json");
        JsonNode s = JsonCodec.readTree(Files.readAllBytes(schema), "schema");
        assertThat(names(s.path("properties"))).isEqualTo(DependencyCatalog.TOP);
        assertThat(names(s.at("/properties/components/items/properties"))).isEqualTo(DependencyCatalog.COMPONENT);
        assertThat(names(s.at("/properties/components/items/properties/signer/properties"))).isEqualTo(DependencyCatalog.SIGNER);
        assertThat(names(s.at("/properties/deprecated/items/properties"))).isEqualTo(DependencyCatalog.DEPRECATION);
        assertThat(s.at("/$defs/spdx/pattern").textValue()).isEqualTo("^" + SpdxLicenses.SPDX_ID.pattern() + "$");
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aCatalogIsReadOnlyUpToItsCap(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("catalog.json");
        Files.write(huge, new byte[(8 << 20) + 1]);
        assertThatThrownBy(() -> DependencyCatalog.read(huge)).isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("is larger than the 8 MiB a dependency catalog may have");
    }
}
