package dev.provenant.maven;

import java.nio.file.Path;

/**
 * One file the project publishes: the main artifact, an attached artifact or the POM.
 *
 * @param file where it is on disk
 * @param extension its repository extension, for example {@code jar} or {@code pom}
 * @param classifier its classifier, or empty
 * @param repositoryName its file name in a repository, {@code ARTIFACT-VERSION[-CLASSIFIER].EXT}
 * @param bundle where its Sigstore bundle is written and looked for
 */
record ProjectFile(Path file, String extension, String classifier, String repositoryName, Path bundle) {
    /** The type its bundle is attached with: sigstore-maven-plugin's convention, the extension plus {@code .sigstore.json}. */
    String bundleType() {
        return extension + ProjectFiles.BUNDLE_SUFFIX;
    }
}
