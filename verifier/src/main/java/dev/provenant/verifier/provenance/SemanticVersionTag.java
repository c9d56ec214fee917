package dev.provenant.verifier.provenance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code v}-prefixed semantic version as Go's {@code golang.org/x/mod/semver} reads it, which is
 * what slsa-verifier's {@code --source-versioned-tag} uses: {@code v1}, {@code v1.2} and
 * {@code v1.2.3[-pre][+build]}. Missing minor and patch are absent here (not zero) so an expectation
 * {@code v1.2} pins only major and minor.
 */
record SemanticVersionTag(String major, Optional<String> minor, Optional<String> patch, Optional<String> prerelease) {

    private static final String NUMBER = "(0|[1-9][0-9]*)";
    private static final String IDS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern SEMVER = Pattern.compile(
            "v" + NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER + "(?:-(" + IDS + "))?(?:\\+" + IDS + ")?)?)?");

    static Optional<SemanticVersionTag> parse(String tag) {
        Matcher m = SEMVER.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersionTag(m.group(1), Optional.ofNullable(m.group(2)), Optional.ofNullable(m.group(3)),
                Optional.ofNullable(m.group(4))));
    }

    /**
     * Whether this (the provenance's tag) satisfies {@code expected}: the same major version, and the
     * same minor and patch (with pre-release) where the expectation gives them. A provenance tag
     * {@code v1.2} reads as {@code v1.2.0}, as semver.Canonical makes it; build metadata never counts.
     */
    Optional<String> mismatch(SemanticVersionTag expected) {
        if (!major.equals(expected.major)) {
            return Optional.of("major version expected " + expected.major + ", got " + major);
        }
        if (expected.minor.isPresent() && !minor.orElse("0").equals(expected.minor.get())) {
            return Optional.of("minor version expected " + expected.minor.get() + ", got " + minor.orElse("0"));
        }
        if (expected.patch.isPresent()) {
            String want = expected.patch.get() + expected.prerelease.map(p -> "-" + p).orElse("");
            String got = patch.orElse("0") + prerelease.map(p -> "-" + p).orElse("");
            if (!want.equals(got)) {
                return Optional.of("patch version expected " + want + ", got " + got);
            }
        }
        return Optional.empty();
    }
}
