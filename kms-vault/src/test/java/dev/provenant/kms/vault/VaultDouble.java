package dev.provenant.kms.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of Vault's transit engine, for the two calls Provenant makes. It checks each request
 * as Vault would (the X-Vault-Token header, the path, a JSON body with a prehashed digest of the
 * right length and the hash named) and answers with a real signature from a key pair held here, so a
 * signature that verifies proves the request carried the right digest. Anything else gets HTTP 400
 * with what was wrong.
 */
public final class VaultDouble implements AutoCloseable {
    /** One request as received, for assertions on its shape. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {}

    private record Key(String type, KeyPair pair) {}

    private final HttpServer server;
    private final String token;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public VaultDouble(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Creates a key as {@code vault write transit/keys/NAME type=TYPE} would; symmetric types hold no key pair. */
    public KeyPair createKey(String name, String type) throws Exception {
        KeyPair pair = switch (type) {
            case "ecdsa-p256" -> ec("secp256r1");
            case "ecdsa-p384" -> ec("secp384r1");
            case "ecdsa-p521" -> ec("secp521r1");
            case "rsa-2048", "rsa-3072", "rsa-4096" -> rsa(Integer.parseInt(type.substring(4)));
            case "ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default -> null;
        };
        keys.put(name, new Key(type, pair));
        return pair;
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                reply(exchange, 403, errors("permission denied"));
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/transit/keys/")) {
                readKey(exchange, path.substring("/v1/transit/keys/".length()));
            } else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/v1/transit/sign/")) {
                sign(exchange, path.substring("/v1/transit/sign/".length()), body);
            } else {
                reply(exchange, 404, errors());
            }
        } catch (Exception e) {
            reply(exchange, 500, errors("double: " + e));
        }
    }

    private void readKey(HttpExchange exchange, String name) throws IOException {
        Key key = keys.get(name);
        if (key == null) {
            reply(exchange, 404, errors());
            return;
        }
        ObjectNode data = JsonCodec.mapper().createObjectNode();
        data.put("name", name);
        data.put("type", key.type());
        data.put("latest_version", 1);
        data.put("supports_signing", key.pair() != null);
        ObjectNode versions = data.putObject("keys");
        if (key.pair() == null) {
            versions.put("1", 1700000000L);
        } else {
            versions.putObject("1").put("public_key", PemPublicKeys.toPem(key.pair().getPublic())).put("name", key.type());
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.set("data", data);
        reply(exchange, 200, answer);
    }

    private void sign(HttpExchange exchange, String name, String body) throws Exception {
        Key key = keys.get(name);
        if (key == null) {
            reply(exchange, 400, errors("signing key not found"));
            return;
        }
        if (key.pair() == null) {
            reply(exchange, 400, errors("key type " + key.type() + " does not support signing"));
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            reply(exchange, 400, errors("double: the body must be JSON, got Content-Type " + contentType));
            return;
        }
        JsonNode request = JsonCodec.readTree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "request");
        if (!request.path("prehashed").asBoolean(false)) {
            reply(exchange, 400, errors("double: only prehashed=true requests are expected"));
            return;
        }
        String hash = request.path("hash_algorithm").asText("sha2-256");
        int length = switch (hash) {
            case "sha2-256" -> 32;
            case "sha2-384" -> 48;
            case "sha2-512" -> 64;
            default -> -1;
        };
        byte[] digest = Base64.getDecoder().decode(request.path("input").asText(""));
        if (digest.length != length) {
            reply(exchange, 400, errors("double: input is " + digest.length + " bytes, not a " + hash + " digest"));
            return;
        }
        byte[] signature;
        if (key.type().startsWith("rsa")) {
            if (!"pkcs1v15".equals(request.path("signature_algorithm").asText())) {
                reply(exchange, 400, errors("double: RSA signatures are expected as pkcs1v15 (Vault's default is pss)"));
                return;
            }
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key.pair().getPrivate());
            s.update(digestInfo(hash, digest));
            signature = s.sign();
        } else if (key.type().startsWith("ecdsa")) {
            if (!request.path("marshaling_algorithm").asText("asn1").equals("asn1")) {
                reply(exchange, 400, errors("double: ECDSA signatures are expected in ASN.1"));
                return;
            }
            Signature s = Signature.getInstance("NONEwithECDSA");
            s.initSign(key.pair().getPrivate());
            s.update(digest);
            signature = s.sign();
        } else {
            reply(exchange, 400, errors("prehashed is not supported for " + key.type()));
            return;
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.putObject("data").put("signature", "vault:v1:" + Base64.getEncoder().encodeToString(signature)).put("key_version", 1);
        reply(exchange, 200, answer);
    }

    private static byte[] digestInfo(String hash, byte[] digest) throws Exception {
        String oid = switch (hash) {
            case "sha2-256" -> "2.16.840.1.101.3.4.2.1";
            case "sha2-384" -> "2.16.840.1.101.3.4.2.2";
            default -> "2.16.840.1.101.3.4.2.3";
        };
        return new org.bouncycastle.asn1.x509.DigestInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid), org.bouncycastle.asn1.DERNull.INSTANCE), digest).getEncoded();
    }

    private static ObjectNode errors(String... texts) {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        var array = node.putArray("errors");
        for (String t : texts) {
            array.add(t);
        }
        return node;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JsonCodec.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
