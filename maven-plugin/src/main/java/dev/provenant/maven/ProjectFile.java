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

    /** The type its bundle is attached with: {@link #bundleType()} for a public-good keyless bundle, else its own. */
    String bundleType(boolean publicGood) {
        return extension + (publicGood ? ProjectFiles.BUNDLE_SUFFIX : ProjectFiles.OWN_BUNDLE_SUFFIX);
    }

    /** Where its bundle is written: {@link #bundle()} for a public-good keyless bundle, else beside it under its own name. */
    Path bundle(boolean publicGood) {
        if (publicGood) {
            return bundle;
        }
        String name = bundle.getFileName().toString();
        return bundle.resolveSibling(name.substring(0, name.length() - ProjectFiles.BUNDLE_SUFFIX.length()) + ProjectFiles.OWN_BUNDLE_SUFFIX);
    }

    /** The bundle the sign goal wrote, under either name (the public-good one when both exist). */
    Path existingBundle() {
        return !java.nio.file.Files.isRegularFile(bundle) && java.nio.file.Files.isRegularFile(bundle(false)) ? bundle(false) : bundle;
    }
}
