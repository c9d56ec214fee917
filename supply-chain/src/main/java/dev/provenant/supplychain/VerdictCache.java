package dev.provenant.supplychain;

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
 * Remembers passing dependency verdicts, so a warm build does not verify the same file again and an
 * offline build can trust a file that was checked while online. An entry is keyed by everything the
 * verdict depends on: the artifact file's SHA-256, its coordinates, the rule that decided (its pattern,
 * the identity it expects or the fingerprint of its {@code key=}, whether it allows an unsigned file) and the trust
 * context (which trusted root: the rule's own {@code trusted-root=} or the build's);
 * change any of them, a single byte of the file included, and nothing is found. Only passes are stored
 * ({@link DependencyOutcome#VERIFIED}, and {@link DependencyOutcome#UNSIGNED_ALLOWED} after the repository
 * said no bundle is published); a failure is always checked again. Entries are written whole (temporary
 * file, fsync, rename); an unreadable or foreign entry is a miss.
 */
public final class VerdictCache {
    private static final String MAGIC = "provenant-verdict-v2 ";
    private static final String OUTCOME = "outcome ";
    private static final String DETAIL = "detail ";
    /** An entry is a few hundred bytes; anything larger is not one of ours. */
    static final int MAX_ENTRY_BYTES = 64 * 1024;
    private final Path directory;

    /** A verdict found in the cache. */
    public record Entry(DependencyOutcome outcome, String detail) {}

    public VerdictCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The cache key for one verdict.
     *
     * @param artifact the SHA-256 of the artifact file
     * @param coordinates the dependency
     * @param rule what the deciding rule asks, as {@link DependencyVerifier} describes it
     * @param trustContext which trusted root
     */
    public static String key(Digest artifact, Coordinates coordinates, String rule, String trustContext) {
        if (artifact.algorithm() != DigestAlgorithm.SHA256) {
            throw new IllegalArgumentException("verdicts are keyed by the artifact's SHA-256");
        }
        String material = "provenant-dependency-verdict-v2\n" + artifact + "\n" + coordinates + "\n" + rule.length() + ":" + rule
                + "\n" + trustContext;
        return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(material.getBytes(StandardCharsets.UTF_8)));
    }

    /** The passing verdict stored under this key, if there is one. */
    public Optional<Entry> find(String key) {
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENTRY_BYTES) {
                return Optional.empty();
            }
            // Plain lines, not JSON: a warm build answered wholly from here loads no JSON parser.
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 3 || !lines.get(0).equals(MAGIC + key) || !lines.get(1).startsWith(OUTCOME)
                    || !lines.get(2).startsWith(DETAIL)) {
                return Optional.empty();
            }
            DependencyOutcome outcome = switch (lines.get(1).substring(OUTCOME.length())) {
                case "verified" -> DependencyOutcome.VERIFIED;
                case "unsigned-allowed" -> DependencyOutcome.UNSIGNED_ALLOWED;
                default -> null;
            };
            return outcome == null ? Optional.empty() : Optional.of(new Entry(outcome, lines.get(2).substring(DETAIL.length())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores a passing verdict; a cache that cannot be written only costs a later re-verification. */
    public void store(String key, Coordinates coordinates, Digest artifact, DependencyOutcome outcome, String detail) {
        String name = switch (outcome) {
            case VERIFIED -> "verified";
            case UNSIGNED_ALLOWED -> "unsigned-allowed";
            default -> throw new IllegalArgumentException("only passing verdicts are stored, not " + outcome);
        };
        String entry = MAGIC + key + "\n" + OUTCOME + name + "\n" + DETAIL + oneLine(detail) + "\nartifact "
                + oneLine(coordinates.toString()) + "\nfile " + artifact + "\nrecorded " + Instant.now() + "\n";
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
