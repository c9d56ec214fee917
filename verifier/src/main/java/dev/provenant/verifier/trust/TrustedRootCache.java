package dev.provenant.verifier.trust;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A local copy of the public-good trusted root, written by {@code provenant trust refresh} after a
 * TUF update and preferred over the shipped copy while it is fresh. A stale or unreadable cache is
 * ignored, never trusted: the shipped root is the floor.
 */
public final class TrustedRootCache {
    /** How long a refreshed root is preferred; Sigstore rotates keys with overlapping validity, so a week is safe. */
    public static final Duration FRESH_FOR = Duration.ofDays(7);
    static final String FILE_NAME = "public-good-trusted_root.json";

    private final Path directory;
    private final Clock clock;

    public TrustedRootCache(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The cache directory: {@code PROVENANT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/provenant}, else
     * {@code ~/.cache/provenant}.
     */
    public static TrustedRootCache standard(Map<String, String> env) {
        String explicit = env.get("PROVENANT_CACHE_DIR");
        Path dir;
        if (explicit != null && !explicit.isEmpty()) {
            dir = Path.of(explicit);
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isEmpty()) {
            dir = Path.of(env.get("XDG_CACHE_HOME"), "provenant");
        } else {
            dir = Path.of(System.getProperty("user.home"), ".cache", "provenant");
        }
        return new TrustedRootCache(dir, Clock.systemUTC());
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The cache file, if it is younger than {@link #FRESH_FOR}; whether it parses is not checked. */
    Optional<Path> freshFile() {
        Path file = file();
        try {
            if (Files.isRegularFile(file) && !Files.getLastModifiedTime(file).toInstant().plus(FRESH_FOR).isBefore(clock.instant())) {
                return Optional.of(file);
            }
        } catch (IOException e) {
            // unreadable: not fresh
        }
        return Optional.empty();
    }

    /** The cached root and when it was refreshed, if the cache holds a readable root younger than {@link #FRESH_FOR}. */
    public Optional<Cached> fresh() {
        Path file = file();
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Instant refreshed = Files.getLastModifiedTime(file).toInstant();
            if (refreshed.plus(FRESH_FOR).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Cached(TrustedRoot.parse(BoundedFile.read(file, InputLimit.TRUSTED_ROOT)), refreshed));
        } catch (IOException | FormatException e) {
            return Optional.empty();
        }
    }

    /** Stores a root that a TUF update verified; it must parse as a trusted root first. */
    public void store(byte[] trustedRootJson) throws IOException, FormatException {
        TrustedRoot.parse(trustedRootJson);
        Files.createDirectories(directory);
        AtomicFile.write(file(), trustedRootJson, AtomicFile.PUBLIC);
    }

    public record Cached(TrustedRoot root, Instant refreshed) {}
}
