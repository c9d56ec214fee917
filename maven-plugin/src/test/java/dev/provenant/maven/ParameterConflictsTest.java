package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Where the POM's configuration and -D user properties disagree, and the retired shared trusted root. */
class ParameterConflictsTest {
    static final ParameterConflicts.Parameter ROOT = new ParameterConflicts.Parameter("trustedRoot", "provenant.verify.trustedRoot",
            "java.io.File");
    static final ParameterConflicts.Parameter KEYLESS = new ParameterConflicts.Parameter("keyless", "provenant.keyless", "boolean");
    static final ParameterConflicts.Parameter STAGE = new ParameterConflicts.Parameter("stage", "provenant.stage", "java.lang.String");
    static final List<ParameterConflicts.Parameter> ALL = List.of(ROOT, KEYLESS, STAGE);
    static final Path BASE = Path.of("/project");

    private static Function<ParameterConflicts.Parameter, Optional<String>> pom(Map<String, String> configured) {
        return p -> Optional.ofNullable(configured.get(p.name()));
    }

    @Test
    void aUserPropertyThatDiffersFromThePomIsAConflictNamingBoth() {
        var conflicts = ParameterConflicts.find(ALL, pom(Map.of("stage", "build")), Map.of("provenant.stage", "release"), BASE);
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).describe()).contains("<stage>build</stage> in the POM").contains("-Dprovenant.stage=release")
                .contains("Maven takes the POM's value");
    }

    @Test
    void noConflictWhenThePomLeavesItToTheProperty() {
        assertThat(ParameterConflicts.find(ALL, pom(Map.of()), Map.of("provenant.stage", "release"), BASE)).isEmpty();
    }

    @Test
    void noConflictWithoutTheUserProperty() {
        assertThat(ParameterConflicts.find(ALL, pom(Map.of("stage", "build")), Map.of("provenant.other", "x"), BASE)).isEmpty();
    }

    @Test
    void equalValuesAreNoConflict() {
        assertThat(ParameterConflicts.find(ALL, pom(Map.of("stage", "build")), Map.of("provenant.stage", "build"), BASE)).isEmpty();
        // booleans without case; -Dprovenant.keyless alone is "true"
        assertThat(ParameterConflicts.find(ALL, pom(Map.of("keyless", "TRUE")), Map.of("provenant.keyless", "true"), BASE)).isEmpty();
        // files resolved against the project folder
        assertThat(ParameterConflicts.find(ALL, pom(Map.of("trustedRoot", "/project/root.json")),
                Map.of("provenant.verify.trustedRoot", "root.json"), BASE)).isEmpty();
    }

    @Test
    void differentFilesAndBooleansConflict() {
        var conflicts = ParameterConflicts.find(ALL, pom(Map.of("trustedRoot", "/project/root.json", "keyless", "false")),
                Map.of("provenant.verify.trustedRoot", "other.json", "provenant.keyless", "true"), BASE);
        assertThat(conflicts).extracting(ParameterConflicts.Conflict::name).containsExactly("trustedRoot", "keyless");
    }

    @Test
    void theRetiredSharedTrustedRootIsRefusedNamingEachGoalsOwn() {
        assertThat(ParameterConflicts.retired(Map.of("provenant.verify.trustedRoot", "r.json"))).isEmpty();
        assertThat(ParameterConflicts.retired(Map.of("provenant.trustedRoot", "r.json"))).get().asString()
                .contains("-Dprovenant.trustedRoot is no longer read").contains("provenant.sign.trustedRoot")
                .contains("provenant.verify.trustedRoot").contains("provenant.dependencies.trustedRoot");
    }

    @Test
    void aPomKeyWithKeylessFromTheCommandLineSaysHowToChoose() {
        assertThat(ParameterConflicts.keyAndKeyless(false, true)).contains("-Dprovenant.keyless=true")
                .contains("the POM configures <key>").contains("neither wins").contains("<key>${provenant.key}</key>");
        // both from the POM, or the key from the command line: the plain rule
        assertThat(ParameterConflicts.keyAndKeyless(false, false)).startsWith("configure either <key>");
        assertThat(ParameterConflicts.keyAndKeyless(true, true)).startsWith("configure either <key>");
    }
}
