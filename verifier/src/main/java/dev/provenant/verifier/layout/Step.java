package dev.provenant.verifier.layout;

import java.util.List;

/**
 * A layout step: who may perform it ({@code pubkeys}, keyids into the layout's keys), how many of them
 * must ({@code threshold}), the command they are expected to run, and the rules its link's materials
 * and products must satisfy.
 */
public record Step(String name, List<String> pubkeys, int threshold, List<String> expectedCommand,
        List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts) {
    public Step {
        pubkeys = List.copyOf(pubkeys);
        expectedCommand = List.copyOf(expectedCommand);
        expectedMaterials = List.copyOf(expectedMaterials);
        expectedProducts = List.copyOf(expectedProducts);
    }
}
