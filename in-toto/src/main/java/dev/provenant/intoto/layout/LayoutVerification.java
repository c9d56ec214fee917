package dev.provenant.intoto.layout;

import java.util.List;
import java.util.Map;

/**
 * A layout that verified: for each step (in layout order), the keyids whose links counted; the
 * inspections that ran; and the warnings raised on the way (command mismatches, skipped links).
 */
public record LayoutVerification(Map<String, List<String>> stepSigners, List<String> inspections, List<String> warnings) {
    public LayoutVerification {
        stepSigners = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepSigners));
        inspections = List.copyOf(inspections);
        warnings = List.copyOf(warnings);
    }
}
