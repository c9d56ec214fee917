package dev.provenant.localsigstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ports a stack listens on, kept in {@code DIR/ports.json} so a restart listens on the same ones: the
 * OIDC issuer URL carries the HTTP port, and every certificate the stack issued names that URL, so a new
 * port would make bundles signed before the restart fail the issuer check the stack tells users to make.
 * A directory from before this file existed has its ports read from its signing config.
 */
record StackPorts(int http, int fulcio) {
    static final String FILE = "ports.json";
    private static final int MAX_FILE = 1024 * 1024;

    StackPorts {
        if (http < 1 || http > 65535 || fulcio < 1 || fulcio > 65535) {
            throw new IllegalArgumentException("ports must be between 1 and 65535");
        }
    }

    /** The ports the directory's stack listened on before, if it ran before. */
    static Optional<StackPorts> load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            JsonNode ports = read(file);
            try {
                return Optional.of(new StackPorts(port(ports.get("http")), port(ports.get("fulcio"))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " does not hold an http and a fulcio port: " + e.getMessage());
            }
        }
        Path config = directory.resolve(TrustFiles.SIGNING_CONFIG);
        if (Files.exists(config)) {
            JsonNode signing = read(config);
            try {
                int http = URI.create(signing.path("oidcUrls").path(0).path("url").asText()).getPort();
                int fulcio = URI.create(signing.path("caUrls").path(0).path("url").asText()).getPort();
                return Optional.of(new StackPorts(http, fulcio));
            } catch (IllegalArgumentException e) {
                throw new IOException(config + " does not name the ports of this directory's stack: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    void save(Path directory) throws IOException {
        String json = JsonCodec.writeString(JsonCodec.mapper().createObjectNode().put("http", http).put("fulcio", fulcio));
        AtomicFile.write(directory.resolve(FILE), (json + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), AtomicFile.PUBLIC,
                true);
    }

    private static int port(JsonNode node) {
        if (node == null || !node.isInt()) {
            throw new IllegalArgumentException("a port is missing or not a number");
        }
        return node.intValue();
    }

    private static JsonNode read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        }
        if (bytes.length > MAX_FILE) {
            throw new IOException(file + " is larger than " + MAX_FILE + " bytes");
        }
        try {
            return JsonCodec.readTree(bytes, file.getFileName().toString());
        } catch (FormatException e) {
            throw new IOException(file + " is unreadable: " + e.getMessage());
        }
    }
}
