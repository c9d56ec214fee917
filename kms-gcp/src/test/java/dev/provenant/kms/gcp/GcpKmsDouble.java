package dev.provenant.kms.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32C;

/**
 * A test double of Cloud KMS's REST (HTTP/JSON) API for GetPublicKey and AsymmetricSign, and of
 * Google's OAuth token endpoint that a service account's credentials file points at. The token
 * endpoint checks the RS256 JWT assertion (issuer, Google's token audience, the Cloud KMS scope)
 * against the service account's registered public key and
 * issues an access token; KMS calls must carry it as {@code Authorization: Bearer}. AsymmetricSign
 * must carry a digest of the key's hash and its CRC32C; the answer is a real signature from a key pair
 * held here, with the checksums Cloud KMS returns.
 */
public final class GcpKmsDouble implements AutoCloseable {
    public static final String PROJECT = "provenant-test";
    public static final String SERVICE_ACCOUNT = "signer@" + PROJECT + ".iam.gserviceaccount.com";

    /** One request as received, for assertions on its shape. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {}

    private record Key(String algorithm, KeyPair pair) {}

    private final HttpServer server;
    private final KeyPair serviceAccount;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public GcpKmsDouble() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        serviceAccount = rsa.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The KMS endpoint to give the client (PROVENANT_GCPKMS_ENDPOINT). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Writes a service account credentials file (what GOOGLE_APPLICATION_CREDENTIALS names) whose token
     * URI is this double; with {@code registered} false its private key is one the double does not know.
     */
    public Path writeCredentials(Path file, boolean registered) throws Exception {
        KeyPair pair = serviceAccount;
        if (!registered) {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            pair = rsa.generateKeyPair();
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = JsonCodec.mapper().createObjectNode();
        json.put("type", "service_account");
        json.put("project_id", PROJECT);
        json.put("private_key_id", registered ? "registered-key" : "unknown-key");
        json.put("private_key", pem);
        json.put("client_email", SERVICE_ACCOUNT);
        json.put("client_id", "100000000000000000001");
        json.put("token_uri", endpoint() + "/token");
        Files.write(file, JsonCodec.write(json));
        return file;
    }

    /** Creates version 1 of key NAME with a Cloud KMS algorithm (EC_SIGN_P256_SHA256, RSA_SIGN_PSS_3072_SHA256, ...). */
    public String createKey(String name, String algorithm) throws Exception {
        KeyPair pair;
        if (algorithm.startsWith("EC_SIGN_P256")) {
            pair = ec("secp256r1");
        } else if (algorithm.startsWith("EC_SIGN_P384")) {
            pair = ec("secp384r1");
        } else {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(Integer.parseInt(algorithm.replaceAll("^RSA_SIGN_[A-Z0-9]+_(\\d+)_.*$", "$1")));
            pair = rsa.generateKeyPair();
        }
        String resource = "projects/" + PROJECT + "/locations/global/keyRings/release/cryptoKeys/" + name + "/cryptoKeyVersions/1";
        keys.put(resource, new Key(algorithm, pair));
        return resource;
    }

    public PublicKey publicKey(String resource) {
        return keys.get(resource).pair().getPublic();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            if (path.equals("/token")) {
                token(exchange, body);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ") || !issuedTokens.contains(authorization.substring(7))) {
                error(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/") && path.endsWith("/publicKey")) {
                publicKey(exchange, path.substring(4, path.length() - "/publicKey".length()));
            } else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/v1/") && path.endsWith(":asymmetricSign")) {
                sign(exchange, path.substring(4, path.length() - ":asymmetricSign".length()), body);
            } else {
                error(exchange, 404, "NOT_FOUND", "double: no method at " + exchange.getRequestMethod() + " " + path);
            }
        } catch (Exception e) {
            error(exchange, 500, "INTERNAL", "double: " + e);
        }
    }

    private void token(HttpExchange exchange, String body) throws Exception {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String assertion = form.getOrDefault("assertion", "");
        String[] parts = assertion.split("\\.");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || parts.length != 3) {
            oauthError(exchange, "invalid_request", "double: expected a jwt-bearer grant");
            return;
        }
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(serviceAccount.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            oauthError(exchange, "invalid_grant", "Invalid JWT Signature.");
            return;
        }
        JsonNode claims = JsonCodec.readTree(Base64.getUrlDecoder().decode(parts[1]), "claims");
        if (!SERVICE_ACCOUNT.equals(claims.path("iss").asText()) || !"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())
                || !claims.path("scope").asText().contains("https://www.googleapis.com/auth/cloudkms")) {
            oauthError(exchange, "invalid_grant", "double: unexpected claims " + claims);
            return;
        }
        String token = "ya29.double-" + UUID.randomUUID();
        issuedTokens.add(token);
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("access_token", token);
        answer.put("expires_in", 3599);
        answer.put("token_type", "Bearer");
        reply(exchange, 200, answer);
    }

    private void publicKey(HttpExchange exchange, String resource) throws IOException {
        Key key = keys.get(resource);
        if (key == null) {
            error(exchange, 404, "NOT_FOUND", "CryptoKeyVersion " + resource + " not found.");
            return;
        }
        String pem = PemPublicKeys.toPem(key.pair().getPublic());
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("pem", pem);
        answer.put("algorithm", key.algorithm());
        answer.put("pemCrc32c", Long.toString(crc32c(pem.getBytes(StandardCharsets.UTF_8))));
        answer.put("name", resource);
        answer.put("protectionLevel", "HSM");
        reply(exchange, 200, answer);
    }

    private void sign(HttpExchange exchange, String resource, String body) throws Exception {
        Key key = keys.get(resource);
        if (key == null) {
            error(exchange, 404, "NOT_FOUND", "CryptoKeyVersion " + resource + " not found.");
            return;
        }
        JsonNode request = JsonCodec.readTree(body.getBytes(StandardCharsets.UTF_8), "request");
        String hash = key.algorithm().endsWith("SHA384") ? "sha384" : key.algorithm().endsWith("SHA512") ? "sha512" : "sha256";
        JsonNode digestNode = request.path("digest").path(hash);
        if (!digestNode.isTextual() || request.path("digest").size() != 1) {
            error(exchange, 400, "INVALID_ARGUMENT", "double: expected digest." + hash + " alone, got " + request.path("digest"));
            return;
        }
        byte[] digest = Base64.getDecoder().decode(digestNode.asText());
        if (digest.length != (hash.equals("sha256") ? 32 : hash.equals("sha384") ? 48 : 64)) {
            error(exchange, 400, "INVALID_ARGUMENT", "double: digest." + hash + " has " + digest.length + " bytes");
            return;
        }
        if (!request.path("digestCrc32c").isTextual() && !request.path("digestCrc32c").isNumber()) {
            error(exchange, 400, "INVALID_ARGUMENT", "double: no digestCrc32c");
            return;
        }
        boolean crcMatches = request.path("digestCrc32c").asLong() == crc32c(digest);
        if (!crcMatches) {
            error(exchange, 400, "INVALID_ARGUMENT", "The checksum in field digest_crc32c did not match the data in field digest.");
            return;
        }
        byte[] signature;
        if (key.algorithm().startsWith("EC_SIGN")) {
            Signature s = Signature.getInstance("NONEwithECDSA");
            s.initSign(key.pair().getPrivate());
            s.update(digest);
            signature = s.sign();
        } else if (key.algorithm().startsWith("RSA_SIGN_PKCS1")) {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key.pair().getPrivate());
            s.update(new org.bouncycastle.asn1.x509.DigestInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, org.bouncycastle.asn1.DERNull.INSTANCE), digest).getEncoded());
            signature = s.sign();
        } else {
            error(exchange, 400, "INVALID_ARGUMENT", "double: signs with EC and RSA PKCS#1 keys only, not " + key.algorithm());
            return;
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("signature", Base64.getEncoder().encodeToString(signature));
        answer.put("signatureCrc32c", Long.toString(crc32c(signature)));
        answer.put("verifiedDigestCrc32c", true);
        answer.put("name", resource);
        answer.put("protectionLevel", "HSM");
        reply(exchange, 200, answer);
    }

    private static long crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    private static void oauthError(HttpExchange exchange, String error, String description) throws IOException {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        reply(exchange, 400, body);
    }

    private static void error(HttpExchange exchange, int code, String status, String message) throws IOException {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        reply(exchange, code, body);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JsonCodec.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
