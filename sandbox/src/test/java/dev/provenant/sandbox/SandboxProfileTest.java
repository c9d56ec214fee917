package dev.provenant.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxProfileTest {
    static final String MINIMAL = "{\"apiVersion\": \"provenant.dev/sandbox/v1\", \"name\": \"m\", \"limits\": {\"cpu-seconds\": 1,"
            + " \"memory-mib\": 64, \"processes\": 4, \"open-files\": 16, \"file-size-mib\": 1, \"timeout-seconds\": 5}}";

    static JsonNode json(String text) throws FormatException {
        return JsonCodec.readTreeUniqueNames(text.getBytes(StandardCharsets.UTF_8), "profile");
    }

    @Test
    void theBuiltInProfilesAreCleanAndKeepTheNetworkOff() throws Exception {
        for (String name : SandboxProfile.BUILT_IN) {
            SandboxProfile p = SandboxProfile.builtIn(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.network()).isEqualTo(SandboxProfile.Network.OFF);
            assertThat(SandboxProfile.check(p.toJson())).isEmpty();
        }
        assertThat(SandboxProfile.builtIn("build").readOnly()).contains("~/.m2/repository");
    }

    @Test
    void defaultsAreTheStrictOnesAndTheDigestIgnoresLayout() throws Exception {
        SandboxProfile p = SandboxProfile.parse(MINIMAL.getBytes(StandardCharsets.UTF_8));
        assertThat(p.network()).isEqualTo(SandboxProfile.Network.OFF);
        assertThat(p.workspace()).isEqualTo(SandboxProfile.Workspace.READ_ONLY);
        assertThat(p.env()).isEmpty();
        SandboxProfile spaced = SandboxProfile.parse(MINIMAL.replace(", ", ",\n    ").getBytes(StandardCharsets.UTF_8));
        assertThat(spaced.digest()).isEqualTo(p.digest());
        SandboxProfile loosened = SandboxProfile.parse(MINIMAL.replace("\"name\": \"m\",", "\"name\": \"m\", \"network\": \"host\",")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(loosened.digest()).isNotEqualTo(p.digest());
    }

    @Test
    void everyProblemIsNamedByItsField() throws Exception {
        String bad = "{\"apiVersion\": \"provenant.dev/sandbox/v2\", \"name\": \"a b\", \"network\": \"lan\","
                + " \"cgroup\": {\"required\": \"yes\", \"cpu-percent\": 0, \"pids\": 1}, \"writable\": [\"../out\", \"/abs\"], \"hidden\": [\"/\"], \"read-only\": [\"rel\"], \"env\": [\"A-B\", \"PROVENANT_PASSWORD\"],"
                + " \"netwrok\": \"off\", \"limits\": {\"cpu-seconds\": 0, \"memory-mib\": 1}}";
        assertThat(SandboxProfile.check(json(bad))).anyMatch(s -> s.startsWith("apiVersion:"))
                .anyMatch(s -> s.startsWith("name:")).anyMatch(s -> s.startsWith("network:"))
                .anyMatch(s -> s.startsWith("writable: '../out'")).anyMatch(s -> s.startsWith("writable: '/abs'"))
                .anyMatch(s -> s.startsWith("hidden:")).anyMatch(s -> s.startsWith("read-only:"))
                .anyMatch(s -> s.startsWith("env: 'A-B'")).anyMatch(s -> s.startsWith("env: 'PROVENANT_PASSWORD' is provenant's own")).anyMatch(s -> s.startsWith("netwrok: unknown field"))
                .anyMatch(s -> s.startsWith("limits.cpu-seconds:")).anyMatch(s -> s.startsWith("limits.timeout-seconds:"))
                .anyMatch(s -> s.startsWith("cgroup.required:")).anyMatch(s -> s.startsWith("cgroup.cpu-percent:"))
                .anyMatch(s -> s.startsWith("cgroup.pids: unknown field"));
        assertThatThrownBy(() -> SandboxProfile.parse(bad.getBytes(StandardCharsets.UTF_8))).isInstanceOf(FormatException.class);
    }

    @Test
    void aProfileFileIsReadUpTo64KiBAndItsListsAreBounded(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        Files.writeString(big, MINIMAL.replace("\"name\": \"m\",", "\"name\": \"m\", \"set-env\": {\"X\": \"" + "x".repeat(70_000) + "\"},"));
        assertThatThrownBy(() -> SandboxProfile.read(big)).isInstanceOf(java.io.IOException.class).hasMessageContaining("64 KiB");
        String many = "\"" + String.join("\", \"", java.util.Collections.nCopies(65, "/x")) + "\"";
        assertThat(SandboxProfile.check(json(MINIMAL.replace("\"name\": \"m\",", "\"name\": \"m\", \"hidden\": [" + many + "],"))))
                .contains("hidden: must be a list of at most 64 strings");
    }

    @Test
    void aNameThatIsNoBuiltInAndNoFileIsRefused() {
        assertThatThrownBy(() -> SandboxProfile.load("stirct")).isInstanceOf(FormatException.class)
                .hasMessageContaining("[strict, build, test]");
    }

    @Test
    void theSchemaNamesEveryFieldTheReaderKnows() throws Exception {
        Path schema = Path.of(System.getProperty("provenant.docs", "../docs"), "sandbox-profile-v1.schema.json");
        JsonNode s = JsonCodec.readTree(Files.readAllBytes(schema), "schema");
        assertThat(s.path("properties").properties().stream().map(e -> e.getKey()).toList())
                .containsExactlyInAnyOrderElementsOf(SandboxProfile.builtIn("build").toJson().properties().stream()
                        .map(e -> e.getKey()).toList());
        assertThat(s.at("/properties/limits/required").toString()).contains(SandboxProfile.Limits.FIELDS.toArray(String[]::new));
    }
}
