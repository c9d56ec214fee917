package dev.provenant.attest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An external corpus that cannot be committed, named by a system property: an absolute folder, or one
 * relative to the checkout's root ({@code provenant.root}, which the parent pom sets).
 */
final class OptionalInput {
    private OptionalInput() {}

    /** The folder {@code property} names, when it holds at least one of {@code markers}. */
    static Optional<Path> folder(String property, String... markers) {
        String value = System.getProperty(property, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Path.of(value);
        if (!dir.isAbsolute()) {
            dir = Path.of(System.getProperty("provenant.root", "..")).resolve(dir);
        }
        Path folder = dir.toAbsolutePath().normalize();
        for (String marker : markers) {
            if (Files.isDirectory(folder.resolve(marker))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
