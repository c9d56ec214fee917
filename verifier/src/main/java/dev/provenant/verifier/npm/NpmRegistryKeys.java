package dev.provenant.verifier.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.json.Rfc3339Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The npm registry's signing keys, in the format the registry publishes them through Sigstore's TUF
 * repository (the npm registry's {@code keys.json} target): each key has an id ({@code SHA256:...}),
 * a usage ({@code npm:attestations} signs publish attestations, {@code npm:signatures} the packuments'
 * ECDSA signatures), a DER SubjectPublicKeyInfo and a validity window. The shipped copy
 * ({@link #builtIn()}) is the target as the {@code @sigstore/tuf} npm package seeds it; see
 * docs/VERIFY.md for its origin and how to replace it.
 *
 * @param keys every key of the file, in its order
 */
public record NpmRegistryKeys(List<Key> keys) {
    public static final String ATTESTATIONS_USAGE = "npm:attestations";
    private static final String RESOURCE = "npm-registry-keys.json";

    /**
     * One registry key.
     *
     * @param keyId the id signatures and bundles name it by
     * @param usage what it signs, e.g. {@code npm:attestations}
     * @param key the public key
     * @param start when it started to be valid
     * @param end when it stopped being valid; empty while it still is
     */
    public record Key(String keyId, String usage, PublicKey key, Instant start, Optional<Instant> end) {
        /** Whether {@code time} lies in {@code [start, end)}. */
        public boolean validAt(Instant time) {
            return !time.isBefore(start) && end.map(time::isBefore).orElse(true);
        }

        /** The validity window as it is printed: {@code 2022-12-01T00:00:00Z to 2025-01-29T00:00:00Z}. */
        public String window() {
            return start + " to " + end.map(Instant::toString).orElse("(no end)");
        }
    }

    public NpmRegistryKeys {
        keys = List.copyOf(keys);
    }

    /** The keys shipped with Provenant. */
    public static NpmRegistryKeys builtIn() {
        try (InputStream in = NpmRegistryKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the npm registry keys resource is missing");
            }
            return parse(BoundedFile.read(in, InputLimit.NPM_REGISTRY_KEYS, RESOURCE), "built-in npm registry keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code keys.json}.
     *
     * @throws FormatException when it is not that format: no {@code keys} array, a key without id, usage,
     *     key bytes or start, key bytes that are not a public key, a time that is not RFC 3339
     */
    public static NpmRegistryKeys parse(byte[] json, String what) throws FormatException {
        JsonNode root = JsonCodec.readTreeUniqueNames(json, what);
        JsonNode list = root.path("keys");
        if (!root.isObject() || !list.isArray()) {
            throw new FormatException(what + ": not a registry keys document (an object with a \"keys\" array)");
        }
        List<Key> keys = new ArrayList<>();
        for (JsonNode k : list) {
            String id = text(k.path("keyId"), what, "keyId");
            String usage = text(k.path("keyUsage"), what + ": key " + id, "keyUsage");
            JsonNode publicKey = k.path("publicKey");
            String raw = text(publicKey.path("rawBytes"), what + ": key " + id, "publicKey.rawBytes");
            PublicKey key;
            try {
                key = PemPublicKeys.fromDer(Base64.getDecoder().decode(raw));
            } catch (IllegalArgumentException e) {
                throw new FormatException(what + ": key " + id + ": publicKey.rawBytes is not base64");
            }
            JsonNode validFor = publicKey.path("validFor");
            Instant start = time(validFor.path("start"), what + ": key " + id, "validFor.start")
                    .orElseThrow(() -> new FormatException(what + ": key " + id + ": no publicKey.validFor.start"));
            Optional<Instant> end = time(validFor.path("end"), what + ": key " + id, "validFor.end");
            keys.add(new Key(id, usage, key, start, end));
        }
        return new NpmRegistryKeys(keys);
    }

    /** The key with this id and usage, if the registry has one. */
    public Optional<Key> find(String keyId, String usage) {
        return keys.stream().filter(k -> k.keyId().equals(keyId) && k.usage().equals(usage)).findFirst();
    }

    private static String text(JsonNode node, String what, String field) throws FormatException {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new FormatException(what + ": no " + field);
        }
        return node.asText();
    }

    private static Optional<Instant> time(JsonNode node, String what, String field) throws FormatException {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Rfc3339Time.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + ": " + field + " '" + node.asText() + "' is not an RFC 3339 time");
        }
    }
}
