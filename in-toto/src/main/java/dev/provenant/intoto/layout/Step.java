package dev.provenant.intoto.layout;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A layout step: who may perform it ({@code pubkeys}, distinct keyids into the layout's keys), how many
 * of them must ({@code threshold}, from 1 to the number of pubkeys), the command they are expected to
 * run, the rules its link's materials and products must satisfy, and whether it must have run sandboxed.
 */
public record Step(String name, List<String> pubkeys, int threshold, List<String> expectedCommand,
        List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts, Optional<SandboxRequirement> sandbox) {
    public Step(String name, List<String> pubkeys, int threshold, List<String> expectedCommand,
            List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts) {
        this(name, pubkeys, threshold, expectedCommand, expectedMaterials, expectedProducts, Optional.empty());
    }

    public Step {
        pubkeys = List.copyOf(new LinkedHashSet<>(pubkeys));
        if (threshold < 1 || threshold > pubkeys.size()) {
            throw new IllegalArgumentException("step " + name + " threshold " + threshold + " is not from 1 to its "
                    + pubkeys.size() + " distinct key(s)");
        }
        expectedCommand = List.copyOf(expectedCommand);
        expectedMaterials = List.copyOf(expectedMaterials);
        expectedProducts = List.copyOf(expectedProducts);
    }
}
