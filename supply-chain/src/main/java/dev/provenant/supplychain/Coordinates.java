package dev.provenant.supplychain;

import java.util.Objects;

/**
 * Which dependency a verdict is about, in Maven's terms.
 *
 * @param groupId the group
 * @param artifactId the artifact
 * @param version the version
 * @param classifier the classifier, or empty
 * @param extension the file extension, for example {@code jar}
 */
public record Coordinates(String groupId, String artifactId, String version, String classifier, String extension) {
    public Coordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        classifier = classifier == null ? "" : classifier;
        extension = extension == null || extension.isEmpty() ? "jar" : extension;
    }

    /** {@code GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION}, as Maven prints artifacts. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }
}
