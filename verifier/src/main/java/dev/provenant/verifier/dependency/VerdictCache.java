package dev.provenant.verifier.dependency;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers successful dependency verifications, so a warm build does not verify the same bundle again.
 * An entry is keyed by everything the verdict depends on: the artifact's and the bundle's SHA-256, the
 * identity that was expected and the trust context (which trusted root); change any of them and the
 * bundle is verified afresh. Only successes are stored: a failure is always checked again, and an
 * unreadable entry is a miss.
 */
public final class VerdictCache {
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
            var node = JsonCodec.readTree(Files.readAllBytes(file), "verdict cache entry");
            if (!key.equals(node.path("key").asText())) {
                return Optional.empty();
            }
            return Optional.of(node.path("signer").asText());
        } catch (IOException | FormatException e) {
            return Optional.empty();
        }
    }

    /** Stores a success; a cache that cannot be written only costs a later re-verification. */
    public void store(String key, Coordinates coordinates, String signer) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("key", key);
        entry.put("artifact", coordinates.toString());
        entry.put("signer", signer);
        entry.put("verifiedAt", Instant.now().toString());
        try {
            Path file = file(key);
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, JsonCodec.write(entry), AtomicFile.PUBLIC);
        } catch (IOException e) {
            // not fatal: the verdict stands, it is just not remembered
        }
    }

    private Path file(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
