package dev.provenant.attest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * slsa-verifier's regression vectors (its {@code cli/slsa-verifier/testdata} at commit aaf98fd7:
 * {@code gha_generic/}, {@code gha_delegator/}, {@code gha_maven/}, {@code gha_gradle/},
 * {@code gha_container-based/}, {@code bcr/}, {@code npm/}, {@code vsa/}), an optional input that cannot be
 * committed here. The system property {@code provenant.slsaVerifier} names the folder holding them; a
 * relative path is taken from the checkout's root ({@code provenant.root}). The parent pom passes it to
 * every test JVM. When it is unset, empty or names no such folder, the tests that need the vectors are
 * skipped through a JUnit assumption and the test JVM prints {@link #MESSAGE} once on standard error.
 */
public final class SlsaVerifierVectors {
    public static final String PROPERTY = "provenant.slsaVerifier";
    public static final String MESSAGE = "slsa-verifier vectors not given: tests that need slsa-verifier's regression"
            + " vectors (slsa-framework/slsa-verifier aaf98fd7, cli/slsa-verifier/testdata) are skipped; pass -D"
            + PROPERTY + "=DIR, DIR holding its gha_generic/, gha_delegator/, ... folders";
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private SlsaVerifierVectors() {}

    /** The folder the property names, when it holds at least one of the vector folders. */
    public static Optional<Path> dir() {
        return OptionalInput.folder(PROPERTY, "gha_generic", "gha_delegator", "vsa", "npm", "bcr");
    }

    /** The vectors' folder; skips the calling test (a JUnit assumption) when it was not given. */
    public static Path require() {
        Optional<Path> dir = dir();
        if (dir.isEmpty()) {
            if (TOLD.compareAndSet(false, true)) {
                String value = System.getProperty(PROPERTY, "").strip();
                System.err.println(value.isEmpty() ? MESSAGE : MESSAGE.replace("not given", "not found at " + value));
            }
            Assumptions.abort("slsa-verifier vectors not given (-D" + PROPERTY + "=DIR)");
        }
        return dir.get();
    }

    /** One vector folder or file, e.g. {@code gha_generic/v2.1.0}; skips the calling test when absent. */
    public static Path resolve(String relative) {
        Path path = require().resolve(relative);
        if (!Files.exists(path)) {
            Assumptions.abort("slsa-verifier vectors at " + require() + " have no " + relative);
        }
        return path;
    }
}
