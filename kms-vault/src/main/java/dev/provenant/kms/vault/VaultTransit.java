package dev.provenant.kms.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two transit-engine calls a signer needs, over Vault's REST API: read a key's public half
 * ({@code GET /v1/TRANSIT/keys/NAME}) and sign a digest ({@code POST /v1/TRANSIT/sign/NAME} with
 * {@code prehashed=true}). Failures become one-line exceptions that never quote the token.
 */
final class VaultTransit {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final VaultSettings settings;
    private final HttpClient http;

    VaultTransit(VaultSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** What {@code GET transit/keys/NAME} says about a key: its type and latest version's public key. */
    record KeyInfo(String type, int latestVersion, String publicKeyPem) {}

    KeyInfo readKey(VaultKeyRef ref) throws SigningException {
        JsonNode data = call(ref, "GET", "keys/" + ref.keyName(), null).path("data");
        String type = data.path("type").asText("");
        int latest = data.path("latest_version").asInt(0);
        JsonNode version = data.path("keys").path(Integer.toString(latest));
        String pem = version.isObject() ? version.path("public_key").asText("") : "";
        if (type.isEmpty() || latest <= 0) {
            throw new SigningException(settings + " answered " + ref.display() + "'s key description without a type or version");
        }
        return new KeyInfo(type, latest, pem);
    }

    /**
     * Signs a digest with one version of the key. Vault returns {@code vault:vN:BASE64}; the bytes are
     * DER for ECDSA ({@code marshaling_algorithm=asn1}) and PKCS#1 v1.5 for RSA.
     */
    byte[] sign(VaultKeyRef ref, int version, String hashAlgorithm, boolean rsa, byte[] digest) throws SigningException {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.put("input", java.util.Base64.getEncoder().encodeToString(digest));
        body.put("prehashed", true);
        body.put("hash_algorithm", hashAlgorithm);
        body.put("key_version", version);
        if (rsa) {
            body.put("signature_algorithm", "pkcs1v15");
        } else {
            body.put("marshaling_algorithm", "asn1");
        }
        JsonNode data = call(ref, "POST", "sign/" + ref.keyName(), JsonCodec.write(body)).path("data");
        String signature = data.path("signature").asText("");
        int colon = signature.lastIndexOf(':');
        if (!signature.startsWith("vault:v") || colon < 0) {
            throw new SigningException(settings + " answered a signature request for " + ref.display() + " without a signature");
        }
        try {
            return java.util.Base64.getDecoder().decode(signature.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SigningException(settings + " answered a signature for " + ref.display() + " that is not base64");
        }
    }

    private JsonNode call(VaultKeyRef ref, String method, String path, byte[] body) throws SigningException {
        URI uri = URI.create(settings.address() + "/v1/" + settings.transitPath() + "/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("X-Vault-Token", settings.token())
                .header("X-Vault-Request", "true");
        if (settings.namespace() != null && !settings.namespace().isBlank()) {
            request.header("X-Vault-Namespace", settings.namespace());
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new SigningException(settings + " did not answer in time");
        } catch (IOException e) {
            throw new SigningException(settings + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while waiting for " + settings);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return JsonCodec.readTree(response.body(), settings + "'s answer");
            } catch (FormatException e) {
                throw new SigningException(e.getMessage());
            }
        }
        String errors = errors(response.body());
        if (status == 403 || status == 401) {
            throw new SigningException(settings + " refused the token for " + ref.display() + " (HTTP " + status + errors + ")");
        }
        if (status == 404 || status == 400 && errors.contains("not found")) {
            throw new KeyReferenceException("no transit key '" + ref.keyName() + "' at " + settings
                    + " (mounted at " + settings.transitPath() + "/)");
        }
        throw new SigningException(settings + " failed " + method + " " + settings.transitPath() + "/" + path
                + " for " + ref.display() + " (HTTP " + status + errors + ")");
    }

    /** Vault's {@code {"errors":[...]}} as ": a; b", or nothing. */
    private static String errors(byte[] body) {
        try {
            JsonNode errors = JsonCodec.readTree(body, "error").path("errors");
            List<String> texts = new ArrayList<>();
            errors.forEach(e -> texts.add(e.asText().replace('\n', ' ')));
            return texts.isEmpty() ? "" : ": " + String.join("; ", texts);
        } catch (FormatException | RuntimeException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message.replace('\n', ' ') + ")");
    }
}
