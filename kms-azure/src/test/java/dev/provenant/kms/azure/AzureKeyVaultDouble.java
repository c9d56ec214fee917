package dev.provenant.kms.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test double of Azure Key Vault's keys API (get key, sign) over HTTPS, with a certificate for
 * {@link #HOST} that {@link #trustStore} lets a client trust, and of the App Service managed-identity token
 * endpoint ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}) that DefaultAzureCredential uses there.
 * As Key Vault does, it answers an unauthenticated request with a 401 bearer challenge naming the
 * resource to get a token for, and then accepts only tokens it issued for that resource. Sign takes a
 * JWS algorithm that must match the key and a digest of its hash's length; the answer is a real
 * signature (r||s for EC) from a key pair held here.
 */
public final class AzureKeyVaultDouble implements AutoCloseable {
    public static final String TRUST_STORE_PASSWORD = "changeit";
    /**
     * The vault's host name. Key Vault's clients accept a bearer challenge only for a resource whose host
     * is a suffix of the vault's (vault.azure.net), so the double needs a real-looking name: the tests
     * resolve it to the loopback address through the JDK's {@code jdk.net.hosts.file} (azure-double.hosts).
     */
    public static final String HOST = "provenant-double.vault.azure.net";

    /** One request as received, for assertions on its shape. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    private record Key(String name, String version, String kty, String crv, KeyPair pair, List<String> ops) {}

    private final HttpsServer vault;
    private final HttpServer identity;
    private final X509Certificate certificate;
    private final String identityHeader;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public AzureKeyVaultDouble(String identityHeader) throws Exception {
        this.identityHeader = identityHeader;
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair tls = ec.generateKeyPair();
        X500Name name = new X500Name("CN=" + HOST);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), name, tls.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(tls.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("tls", tls.getPrivate(), TRUST_STORE_PASSWORD.toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, TRUST_STORE_PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);

        vault = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        vault.setHttpsConfigurator(new HttpsConfigurator(ssl));
        vault.createContext("/", this::handleVault);
        vault.start();
        identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identity.createContext("/", this::handleIdentity);
        identity.start();
    }

    /** host:port of the vault, for azurekms://HOST:PORT/KEY. */
    public String vaultHost() {
        return HOST + ":" + vault.getAddress().getPort();
    }

    /** The App Service managed-identity endpoint (IDENTITY_ENDPOINT). */
    public String identityEndpoint() {
        return "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token";
    }

    /** Writes a PKCS#12 trust store holding the vault's certificate (password {@link #TRUST_STORE_PASSWORD}). */
    public Path trustStore(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("azure-key-vault-double", certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Creates a key (kty EC with crv P-256/P-384/P-256K, RSA with a size, or oct) and returns its version. */
    public String createKey(String name, String kty, String crvOrBits, List<String> ops) throws Exception {
        KeyPair pair = null;
        if (kty.equals("EC")) {
            KeyPairGenerator g = crvOrBits.equals("P-256K")
                    ? KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    : KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(switch (crvOrBits) {
                case "P-256" -> "secp256r1";
                case "P-384" -> "secp384r1";
                case "P-521" -> "secp521r1";
                default -> "secp256k1";
            }));
            pair = g.generateKeyPair();
        } else if (kty.equals("RSA")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(Integer.parseInt(crvOrBits));
            pair = g.generateKeyPair();
        }
        String version = UUID.randomUUID().toString().replace("-", "");
        Key key = new Key(name, version, kty, kty.equals("EC") ? crvOrBits : null, pair, ops);
        keys.put(name, key);
        keys.put(name + "/" + version, key);
        return version;
    }

    public java.security.PublicKey publicKey(String name) {
        return keys.get(name).pair().getPublic();
    }

    private void handleIdentity(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
                    Map.copyOf(exchange.getRequestHeaders()), ""));
            if (!identityHeader.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
                reply(exchange, 401, JsonCodec.mapper().createObjectNode().put("error", "invalid_request")
                        .put("error_description", "The X-IDENTITY-HEADER is invalid."));
                return;
            }
            String resource = param(query, "resource");
            if (resource == null || param(query, "api-version") == null) {
                reply(exchange, 400, JsonCodec.mapper().createObjectNode().put("error", "invalid_request")
                        .put("error_description", "double: resource and api-version are required"));
                return;
            }
            String token = "eyJ.double-" + UUID.randomUUID() + "." + resource.hashCode();
            issuedTokens.add(token + " " + resource);
            ObjectNode answer = JsonCodec.mapper().createObjectNode();
            answer.put("access_token", token);
            answer.put("expires_on", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()));
            answer.put("resource", resource);
            answer.put("token_type", "Bearer");
            answer.put("client_id", "00000000-0000-0000-0000-000000000001");
            reply(exchange, 200, answer);
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void handleVault(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(), path, query, Map.copyOf(exchange.getRequestHeaders()), body));
            String resource = "https://vault.azure.net";
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !issuedTokens.contains(authorization.substring(7) + " " + resource)) {
                exchange.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-0000-0000-0000-000000000000\", resource=\"" + resource + "\"");
                error(exchange, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
                return;
            }
            if (param(query, "api-version") == null) {
                error(exchange, 400, "BadParameter", "double: api-version is required");
                return;
            }
            String[] parts = path.split("/");
            // /keys/NAME, /keys/NAME/VERSION, /keys/NAME/VERSION/sign
            if (parts.length < 3 || !parts[1].equals("keys")) {
                error(exchange, 404, "NotFound", "double: no such path " + path);
            } else if (exchange.getRequestMethod().equals("GET") && parts.length <= 4) {
                getKey(exchange, parts.length == 4 && !parts[3].isEmpty() ? parts[2] + "/" + parts[3] : parts[2]);
            } else if (exchange.getRequestMethod().equals("POST") && parts.length == 5 && parts[4].equals("sign")) {
                sign(exchange, parts[2] + "/" + parts[3], body);
            } else {
                error(exchange, 405, "MethodNotAllowed", "double: " + exchange.getRequestMethod() + " " + path);
            }
        } catch (Exception e) {
            error(exchange, 500, "InternalError", "double: " + e);
        }
    }

    private String kid(Key key) {
        return "https://" + vaultHost() + "/keys/" + key.name() + "/" + key.version();
    }

    private void getKey(HttpExchange exchange, String id) throws IOException {
        Key key = keys.get(id);
        if (key == null) {
            error(exchange, 404, "KeyNotFound", "A key with (name/id) " + id + " was not found in this key vault.");
            return;
        }
        ObjectNode jwk = JsonCodec.mapper().createObjectNode();
        jwk.put("kid", kid(key));
        jwk.put("kty", key.kty());
        var ops = jwk.putArray("key_ops");
        key.ops().forEach(ops::add);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        if (key.pair() != null && key.pair().getPublic() instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            jwk.put("crv", key.crv());
            jwk.put("x", b64.encodeToString(fixed(ec.getW().getAffineX(), size)));
            jwk.put("y", b64.encodeToString(fixed(ec.getW().getAffineY(), size)));
        } else if (key.pair() != null && key.pair().getPublic() instanceof RSAPublicKey rsa) {
            jwk.put("n", b64.encodeToString(unsigned(rsa.getModulus())));
            jwk.put("e", b64.encodeToString(unsigned(rsa.getPublicExponent())));
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.set("key", jwk);
        answer.putObject("attributes").put("enabled", true).put("created", 1700000000).put("updated", 1700000000)
                .put("recoveryLevel", "Recoverable+Purgeable");
        reply(exchange, 200, answer);
    }

    private void sign(HttpExchange exchange, String id, String body) throws Exception {
        Key key = keys.get(id);
        if (key == null) {
            error(exchange, 404, "KeyNotFound", "A key with (name/id) " + id + " was not found in this key vault.");
            return;
        }
        JsonNode request = JsonCodec.readTree(body.getBytes(StandardCharsets.UTF_8), "request");
        String alg = request.path("alg").asText("");
        byte[] digest = Base64.getUrlDecoder().decode(request.path("value").asText(""));
        String expected = key.kty().equals("RSA") ? "RS256" : switch (key.crv()) {
            case "P-256" -> "ES256";
            case "P-384" -> "ES384";
            case "P-521" -> "ES512";
            default -> "ES256K";
        };
        int length = alg.endsWith("384") ? 48 : alg.endsWith("512") ? 64 : 32;
        if (!alg.equals(expected) || digest.length != length || !key.ops().contains("sign")) {
            error(exchange, 400, "BadParameter", "double: alg " + alg + " with a " + digest.length + "-byte value for a "
                    + key.kty() + " " + key.crv() + " key with key_ops " + key.ops());
            return;
        }
        byte[] signature;
        if (key.kty().equals("RSA")) {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key.pair().getPrivate());
            s.update(new org.bouncycastle.asn1.x509.DigestInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, org.bouncycastle.asn1.DERNull.INSTANCE), digest).getEncoded());
            signature = s.sign();
        } else {
            Signature s = Signature.getInstance("NONEwithECDSAinP1363Format");
            s.initSign(key.pair().getPrivate());
            s.update(digest);
            signature = s.sign();
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("kid", kid(key));
        answer.put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        reply(exchange, 200, answer);
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] raw = unsigned(value);
        byte[] out = new byte[size];
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        reply(exchange, status, body);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JsonCodec.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        vault.stop(0);
        identity.stop(0);
    }
}
