package dev.provenant.verifier.dependency;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers successful dependency verifications, so a warm build does not verify the same bundle again.
 * An entry is keyed by everything the verdict depends on: the artifact's and the bundle's SHA-256, the
 * identity that was expected and the trust context (which trusted root); change any of them and the
 * bundle is verified afresh. Only successes are stored: a failure is always checked again, and an
 * unreadable entry is a miss.
 */
public final class VerdictCache {
    private static final String MAGIC = "provenant-verdict-v1 ";
    private static final String SIGNER = "signer ";
    private final Path directory;

    public VerdictCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The cache key for one verification. */
    public static String key(Digest artifact, Digest bundle, String expectedIdentity, String trustContext) {
        String material = "provenant-dependency-verdict-v1\n" + artifact + "\n" + bundle + "\n" + expectedIdentity + "\n"
                + trustContext;
        return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(material.getBytes(StandardCharsets.UTF_8)));
    }

    /** The signer recorded with a stored success, if this key has one. */
    public Optional<String> find(String key) {
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 64 * 1024) {
                return Optional.empty();
            }
            // Plain lines, not JSON: a warm build answered wholly from here loads no JSON parser.
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(MAGIC + key) || !lines.get(1).startsWith(SIGNER)) {
                return Optional.empty();
            }
            return Optional.of(lines.get(1).substring(SIGNER.length()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stores a success; a cache that cannot be written only costs a later re-verification. */
    public void store(String key, Coordinates coordinates, String signer) {
        String entry = MAGIC + key + "\n" + SIGNER + oneLine(signer) + "\nartifact " + oneLine(coordinates.toString())
                + "\nverified " + Instant.now() + "\n";
        try {
            Path file = file(key);
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, entry.getBytes(StandardCharsets.UTF_8), AtomicFile.PUBLIC);
        } catch (IOException e) {
            // not fatal: the verdict stands, it is just not remembered
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private Path file(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key);
    }
}
