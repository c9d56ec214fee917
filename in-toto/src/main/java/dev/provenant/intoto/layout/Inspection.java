package dev.provenant.intoto.layout;

import java.util.List;

/** A layout inspection: a command the verifier itself runs, and the rules its materials and products must satisfy. */
public record Inspection(String name, List<String> run, List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts) {
    public Inspection {
        run = List.copyOf(run);
        expectedMaterials = List.copyOf(expectedMaterials);
        expectedProducts = List.copyOf(expectedProducts);
    }
}
