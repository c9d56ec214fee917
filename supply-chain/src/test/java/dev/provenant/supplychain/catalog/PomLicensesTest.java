package dev.provenant.supplychain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.FormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PomLicensesTest {
    static String pom(String parent, String licenses) {
        return "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + (parent == null ? "" : "<parent><groupId>org.example</groupId><artifactId>" + parent
                        + "</artifactId><version>1</version></parent>")
                + "<artifactId>lib</artifactId>" + (licenses == null ? "" : "<licenses>" + licenses + "</licenses>") + "</project>";
    }

    @Test
    void readsTheDeclaredLicensesAndTheParent() throws Exception {
        PomLicenses p = PomLicenses.parse(pom("parent", "<license><name>The Apache Software License, Version 2.0</name>"
                + "<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license><license><url>https://opensource.org/licenses/MIT</url></license>")
                .getBytes(StandardCharsets.UTF_8), "lib.pom");
        assertThat(p.licenses()).containsExactly(new DeclaredLicense("The Apache Software License, Version 2.0",
                "https://www.apache.org/licenses/LICENSE-2.0.txt"), new DeclaredLicense("", "https://opensource.org/licenses/MIT"));
        assertThat(p.parent()).contains("org.example:parent:1");
    }

    @Test
    void aDocumentTypeIsRefusedSoNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project><licenses><license><name>&x;</name></license></licenses></project>";
        assertThatThrownBy(() -> PomLicenses.parse(xxe.getBytes(StandardCharsets.UTF_8), "evil.pom"))
                .isInstanceOf(FormatException.class).hasMessageContaining("POM evil.pom is not well-formed XML without a document type");
    }

    @Test
    void inheritsLicensesFromTheNearestParentThatDeclaresThem(@TempDir Path dir) throws Exception {
        Path child = Files.writeString(dir.resolve("child.pom"), pom("middle", null));
        Path middle = Files.writeString(dir.resolve("middle.pom"), pom("top", null));
        Path top = Files.writeString(dir.resolve("top.pom"), pom(null, "<license><name>MIT</name></license>"));
        Map<String, Path> poms = Map.of("org.example:middle:1", middle, "org.example:top:1", top);
        assertThat(PomLicenses.effective(child, gav -> Optional.ofNullable(poms.get(gav))))
                .containsExactly(new DeclaredLicense("MIT", ""));
        assertThatThrownBy(() -> PomLicenses.effective(child, gav -> Optional.ofNullable(gav.contains("middle") ? middle : null)))
                .isInstanceOf(FormatException.class).hasMessageContaining("its parent org.example:top:1 is not at hand");
        Path loop = Files.writeString(dir.resolve("loop.pom"), pom("loop", null));
        assertThatThrownBy(() -> PomLicenses.effective(loop, gav -> Optional.of(loop)))
                .isInstanceOf(FormatException.class).hasMessageContaining("the parent chain loops");
        Path none = Files.writeString(dir.resolve("none.pom"), pom(null, null));
        assertThat(PomLicenses.effective(none, gav -> Optional.empty())).isEqualTo(List.of());
    }

    @Test
    void commonNamesAndUrlsMapToSpdxAndOthersDoNot() {
        Map<String, String> none = Map.of();
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("Apache License, Version 2.0", ""), none)).contains("Apache-2.0");
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("", "http://www.apache.org/licenses/LICENSE-2.0.html"), none)).contains("Apache-2.0");
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("The MIT License", ""), none)).contains("MIT");
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("EPL-2.0", ""), none)).contains("EPL-2.0");
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("GNU General Public License, version 3", ""), none)).isEmpty();
        assertThat(SpdxLicenses.idOf(new DeclaredLicense("Acme Corporate License", ""), Map.of("Acme Corporate License", "LicenseRef-acme")))
                .contains("LicenseRef-acme");
    }
}
