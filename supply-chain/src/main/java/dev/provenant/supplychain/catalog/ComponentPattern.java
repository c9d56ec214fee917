package dev.provenant.supplychain.catalog;

import java.util.Objects;

/** {@code GROUP:ARTIFACT}, or {@code GROUP:*} for every artifact of a group. */
public record ComponentPattern(String groupId, String artifactId) {
    public ComponentPattern {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
    }

    public static ComponentPattern parse(String text) {
        String[] p = text.split(":", -1);
        if (p.length != 2 || p[0].isEmpty() || p[1].isEmpty() || p[0].contains("*")
                || (p[1].contains("*") && !p[1].equals("*")) || !text.strip().equals(text) || text.contains(" ")) {
            throw new IllegalArgumentException("component '" + text + "' is not GROUP:ARTIFACT or GROUP:*");
        }
        return new ComponentPattern(p[0], p[1]);
    }

    public boolean covers(String group, String artifact) {
        return groupId.equals(group) && (artifactId.equals("*") || artifactId.equals(artifact));
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId;
    }
}
