package dev.provenant.kms.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test double of AWS KMS for the two calls Provenant makes, GetPublicKey and Sign, spoken as the
 * service speaks them: {@code POST /} with {@code X-Amz-Target: TrentService.*}, a JSON 1.1 body, and
 * a SigV4 {@code Authorization} header that the double recomputes with the secret key it was given
 * (a wrong secret gets {@code InvalidSignatureException}, an unknown access key
 * {@code UnrecognizedClientException}, as from AWS). Sign must carry {@code MessageType=DIGEST} and a
 * digest of the algorithm's length; the answer is a real signature made by a key pair held here.
 */
public final class AwsKmsDouble implements AutoCloseable {
    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "111122223333";

    /** One request as received, for assertions on its shape. */
    public record Request(String target, Map<String, List<String>> headers, String body) {}

    /** A key the double holds: its id and ARN, spec, usage and key pair (none for symmetric keys). */
    public record Key(String id, String arn, String spec, String usage, KeyPair pair) {}

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/kms/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private final HttpServer server;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public AwsKmsDouble(String accessKeyId, String secretAccessKey) throws IOException {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to give the SDK as its KMS endpoint (AWS_ENDPOINT_URL_KMS). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Creates a key as CreateKey would (KeySpec ECC_NIST_P256, RSA_3072, SYMMETRIC_DEFAULT, ...), with an alias. */
    public Key createKey(String alias, String spec) throws Exception {
        KeyPair pair = switch (spec) {
            case "ECC_NIST_P256" -> ec("secp256r1");
            case "ECC_NIST_P384" -> ec("secp384r1");
            case "ECC_NIST_P521" -> ec("secp521r1");
            case "ECC_SECG_P256K1" -> secp256k1();
            case "RSA_2048", "RSA_3072", "RSA_4096" -> rsa(Integer.parseInt(spec.substring(4)));
            default -> null;
        };
        String id = UUID.randomUUID().toString();
        Key key = new Key(id, "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + id, spec,
                pair == null ? "ENCRYPT_DECRYPT" : "SIGN_VERIFY", pair);
        keys.put(id, key);
        keys.put(key.arn(), key);
        keys.put("alias/" + alias, key);
        keys.put("arn:aws:kms:" + REGION + ":" + ACCOUNT + ":alias/" + alias, key);
        return key;
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    /** The JDK dropped secp256k1; Bouncy Castle still makes such keys. */
    private static KeyPair secp256k1() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        g.initialize(new ECGenParameterSpec("secp256k1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(new Request(target, Map.copyOf(exchange.getRequestHeaders()), body));
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
                error(exchange, 404, "UnknownOperationException", "double: expected POST /");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"application/x-amz-json-1.1".equals(contentType)) {
                error(exchange, 400, "SerializationException", "double: Content-Type is " + contentType);
                return;
            }
            String authError = checkSignature(exchange, raw);
            if (authError != null) {
                error(exchange, authError.startsWith("Unrecognized") ? 400 : 400, authError.substring(0, authError.indexOf(':')),
                        authError.substring(authError.indexOf(':') + 2));
                return;
            }
            JsonNode request = JsonCodec.readTree(raw, "request");
            switch (target == null ? "" : target) {
                case "TrentService.GetPublicKey" -> getPublicKey(exchange, request);
                case "TrentService.Sign" -> sign(exchange, request);
                default -> error(exchange, 400, "UnknownOperationException", "double: X-Amz-Target " + target);
            }
        } catch (Exception e) {
            error(exchange, 500, "KMSInternalException", "double: " + e);
        }
    }

    /** Recomputes the SigV4 signature; null when it matches, else "Code: message". */
    private String checkSignature(HttpExchange exchange, byte[] body) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches() || amzDate == null) {
            return "MissingAuthenticationTokenException: double: no SigV4 Authorization header for kms";
        }
        if (!m.group(1).equals(accessKeyId)) {
            return "UnrecognizedClientException: The security token included in the request is invalid.";
        }
        if (!m.group(3).equals(REGION) || !amzDate.startsWith(m.group(2))) {
            return "InvalidSignatureException: double: credential scope " + m.group(2) + "/" + m.group(3) + " does not match";
        }
        List<String> signed = List.of(m.group(4).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date") || !signed.contains("x-amz-target")) {
            return "InvalidSignatureException: double: host, x-amz-date and x-amz-target must be signed";
        }
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (String name : signed) {
            List<String> values = exchange.getRequestHeaders().get(name);
            if (values == null) {
                return "InvalidSignatureException: double: signed header " + name + " is missing";
            }
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.strip().replaceAll(" +", " ")));
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(m.group(4)).append('\n').append(hex(sha256(body)));
        String scope = m.group(2) + "/" + REGION + "/kms/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), m.group(2));
        k = hmac(k, REGION);
        k = hmac(k, "kms");
        k = hmac(k, "aws4_request");
        String expected = hex(hmac(k, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(5).getBytes(StandardCharsets.US_ASCII))) {
            return "InvalidSignatureException: The request signature we calculated does not match the signature you provided.";
        }
        return null;
    }

    private void getPublicKey(HttpExchange exchange, JsonNode request) throws IOException {
        Key key = keys.get(request.path("KeyId").asText(""));
        if (key == null) {
            error(exchange, 400, "NotFoundException", "Key '" + request.path("KeyId").asText() + "' does not exist");
            return;
        }
        if (key.pair() == null) {
            error(exchange, 400, "UnsupportedOperationException", "You cannot perform this operation on a symmetric encryption KMS key.");
            return;
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("KeyId", key.arn());
        answer.put("KeySpec", key.spec());
        answer.put("CustomerMasterKeySpec", key.spec());
        answer.put("KeyUsage", key.usage());
        answer.put("PublicKey", Base64.getEncoder().encodeToString(key.pair().getPublic().getEncoded()));
        var algorithms = answer.putArray("SigningAlgorithms");
        if (key.spec().startsWith("RSA")) {
            List.of("RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256",
                    "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512").forEach(algorithms::add);
        } else {
            algorithms.add(switch (key.spec()) {
                case "ECC_NIST_P256", "ECC_SECG_P256K1" -> "ECDSA_SHA_256";
                case "ECC_NIST_P384" -> "ECDSA_SHA_384";
                default -> "ECDSA_SHA_512";
            });
        }
        reply(exchange, 200, answer);
    }

    private void sign(HttpExchange exchange, JsonNode request) throws Exception {
        Key key = keys.get(request.path("KeyId").asText(""));
        if (key == null) {
            error(exchange, 400, "NotFoundException", "Key '" + request.path("KeyId").asText() + "' does not exist");
            return;
        }
        if (!"DIGEST".equals(request.path("MessageType").asText())) {
            error(exchange, 400, "ValidationException", "double: expected MessageType DIGEST, got " + request.path("MessageType"));
            return;
        }
        String algorithm = request.path("SigningAlgorithm").asText("");
        byte[] digest = Base64.getDecoder().decode(request.path("Message").asText(""));
        int expectedLength = algorithm.endsWith("256") ? 32 : algorithm.endsWith("384") ? 48 : 64;
        if (digest.length != expectedLength) {
            error(exchange, 400, "ValidationException", "double: Message is " + digest.length + " bytes, not a digest for " + algorithm);
            return;
        }
        byte[] signature;
        if (algorithm.startsWith("ECDSA") && key.spec().startsWith("ECC_NIST")) {
            Signature s = Signature.getInstance("NONEwithECDSA");
            s.initSign(key.pair().getPrivate());
            s.update(digest);
            signature = s.sign();
        } else if (algorithm.equals("RSASSA_PKCS1_V1_5_SHA_256") && key.spec().startsWith("RSA")) {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key.pair().getPrivate());
            s.update(new org.bouncycastle.asn1.x509.DigestInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, org.bouncycastle.asn1.DERNull.INSTANCE), digest).getEncoded());
            signature = s.sign();
        } else {
            error(exchange, 400, "InvalidKeyUsageException", "double: " + algorithm + " with a " + key.spec() + " key");
            return;
        }
        ObjectNode answer = JsonCodec.mapper().createObjectNode();
        answer.put("KeyId", key.arn());
        answer.put("Signature", Base64.getEncoder().encodeToString(signature));
        answer.put("SigningAlgorithm", algorithm);
        reply(exchange, 200, answer);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        reply(exchange, status, body);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JsonCodec.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
