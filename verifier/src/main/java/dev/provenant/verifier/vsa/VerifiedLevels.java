package dev.provenant.verifier.vsa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * slsa-verifier's reading of {@code verifiedLevels}. A level of the form {@code SLSA_<TRACK>_LEVEL_<N>} is
 * a rung on a track's ladder: a VSA at build level 3 also satisfies a demand for build level 2, since each
 * level includes the ones below it (SLSA v1.0, "Security levels"). Every other level ({@code BCID_L1},
 * {@code FEDRAMP_LOW}) is a name and must be listed exactly. A level that starts with {@code SLSA_} but
 * is not of the track form is malformed, in the VSA as in the demand.
 */
final class VerifiedLevels {
    /** {@code SLSA_TRACK_LEVEL_N}: the track is one word (no underscore), the level a decimal integer. */
    private static final Pattern TRACK_LEVEL = Pattern.compile("SLSA_([^_]*)_LEVEL_([+-]?[0-9]{1,9})");

    private VerifiedLevels() {}

    static boolean isTrackLevel(String level) {
        return level.startsWith("SLSA_");
    }

    /**
     * Each track's highest level among {@code levels}.
     *
     * @throws IllegalArgumentException naming the first {@code SLSA_} level not of the track form
     */
    static Map<String, Integer> tracks(List<String> levels) {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        for (String level : levels) {
            if (!isTrackLevel(level)) {
                continue;
            }
            Matcher m = TRACK_LEVEL.matcher(level);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + level + "' is not a SLSA track level (SLSA_<TRACK>_LEVEL_<N>)");
            }
            tracks.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
        }
        return tracks;
    }

    /**
     * What the demanded levels miss in the VSA's, or empty when every one is met.
     *
     * @param wanted already checked by {@link #tracks}
     * @throws IllegalArgumentException when the VSA lists a malformed {@code SLSA_} level
     */
    static Optional<String> unmet(List<String> wanted, List<String> got) {
        Map<String, Integer> gotTracks = tracks(got);
        for (Map.Entry<String, Integer> w : tracks(wanted).entrySet()) {
            Integer level = gotTracks.get(w.getKey());
            if (level == null) {
                return Optional.of("no SLSA " + w.getKey() + " level is verified; wanted at least " + w.getValue());
            }
            if (level < w.getValue()) {
                return Optional.of("SLSA " + w.getKey() + " level " + level + " is verified; wanted at least " + w.getValue());
            }
        }
        for (String level : wanted) {
            if (!isTrackLevel(level) && !got.contains(level)) {
                return Optional.of("level " + level + " is not among the verified levels " + got);
            }
        }
        return Optional.empty();
    }
}
