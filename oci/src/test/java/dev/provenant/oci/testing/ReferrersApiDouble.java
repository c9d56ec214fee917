package dev.provenant.oci.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.Manifest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TEST DOUBLE of an OCI distribution 1.1 registry, for what no registry installable here serves: the
 * referrers API ({@code GET /v2/NAME/referrers/DIGEST}) and the {@code OCI-Subject} answer to a pushed
 * manifest with a subject, and a bearer-token service. It keeps blobs and manifests in memory and
 * refuses requests whose shape the specification does not allow: a manifest PUT whose Content-Type is
 * not the manifest's media type, a blob upload whose digest does not match, a referrers request that
 * does not accept an OCI index, a token request without the service and scope. Every request is
 * recorded for tests to inspect. The real registry tests run against docker-registry.
 */
public final class ReferrersApiDouble implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("/v2/(.+)/(blobs|manifests|referrers)/(.+)");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/(.*)");

    /** One request as received. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers) {}

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final String user;
    private final String password;
    private final String token = UUID.randomUUID().toString();

    private ReferrersApiDouble(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An open double: no authentication. */
    public static ReferrersApiDouble open() throws IOException {
        return new ReferrersApiDouble(null, null);
    }

    /** A double whose API needs a bearer token from its token service, which needs {@code user} and {@code password}. */
    public static ReferrersApiDouble withTokenAuth(String user, String password) throws IOException {
        return new ReferrersApiDouble(user, password);
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Whether a manifest was pushed under {@code reference} (a tag or a digest). */
    public boolean hasManifest(String repository, String reference) {
        return manifests.containsKey(repository + "@" + reference);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            requests.add(new Request(ex.getRequestMethod(), path, query, Map.copyOf(ex.getRequestHeaders())));
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                token(ex, query);
                return;
            }
            if (user != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"double\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "application/json");
                return;
            }
            if (path.equals("/v2/") || path.equals("/v2")) {
                send(ex, 200, "{}", "application/json");
                return;
            }
            Matcher upload = UPLOAD.matcher(path);
            if (upload.matches()) {
                upload(ex, upload.group(1), upload.group(2), query, body);
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                send(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}", "application/json");
                return;
            }
            String repo = m.group(1);
            String ref = m.group(3);
            switch (m.group(2)) {
                case "blobs" -> blob(ex, repo, ref);
                case "manifests" -> manifest(ex, repo, ref, body);
                default -> referrers(ex, repo, ref, query);
            }
        }
    }

    private void token(HttpExchange ex, String query) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"double".equals(params.get("service")) || params.get("scope") == null
                || !params.get("scope").matches("repository:[a-z0-9/._-]+:(pull|pull,push)")) {
            send(ex, 400, "{\"errors\":[{\"code\":\"DENIED\"}]}", "application/json");
            return;
        }
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "application/json");
            return;
        }
        send(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}", "application/json");
    }

    private void upload(HttpExchange ex, String repo, String id, String query, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("POST") && id.isEmpty()) {
            ex.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + UUID.randomUUID());
            send(ex, 202, "", null);
            return;
        }
        String digest = query == null ? null : URLDecoder.decode(query.replaceFirst("(^|.*&)digest=([^&]*).*", "$2"), StandardCharsets.UTF_8);
        if (!ex.getRequestMethod().equals("PUT") || digest == null || !digest.equals(Manifest.sha256(body).toString())) {
            send(ex, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}", "application/json");
            return;
        }
        blobs.put(repo + "@" + digest, body);
        send(ex, 201, "", null);
    }

    private void blob(HttpExchange ex, String repo, String digest) throws IOException {
        byte[] content = blobs.get(repo + "@" + digest);
        if (content == null) {
            send(ex, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}", "application/json");
            return;
        }
        sendBytes(ex, 200, ex.getRequestMethod().equals("HEAD") ? null : content, "application/octet-stream", content.length);
    }

    private void manifest(HttpExchange ex, String repo, String ref, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("PUT")) {
            JsonNode json = JsonCodec.mapper().readTree(body);
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.equals(json.path("mediaType").asText())) {
                send(ex, 400, "{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}", "application/json");
                return;
            }
            String digest = Manifest.sha256(body).toString();
            if (ref.startsWith("sha256:") && !ref.equals(digest)) {
                send(ex, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}", "application/json");
                return;
            }
            manifests.put(repo + "@" + ref, body);
            manifests.put(repo + "@" + digest, body);
            types.put(repo + "@" + digest, type);
            ex.getResponseHeaders().add("Docker-Content-Digest", digest);
            if (json.path("subject").path("digest").isTextual()) {
                ex.getResponseHeaders().add("OCI-Subject", json.path("subject").path("digest").asText());
            }
            send(ex, 201, "", null);
            return;
        }
        byte[] content = manifests.get(repo + "@" + ref);
        String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
        if (content == null) {
            send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}", "application/json");
            return;
        }
        String type = JsonCodec.mapper().readTree(content).path("mediaType").asText();
        if (!accept.contains(type)) {
            send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}", "application/json");
            return;
        }
        sendBytes(ex, 200, ex.getRequestMethod().equals("HEAD") ? null : content, type, content.length);
    }

    private void referrers(HttpExchange ex, String repo, String digest, String query) throws IOException {
        if (!ex.getRequestMethod().equals("GET") || !String.valueOf(ex.getRequestHeaders().getFirst("Accept")).contains(Manifest.OCI_INDEX)
                || !digest.matches("sha256:[0-9a-f]{64}")) {
            send(ex, 400, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}", "application/json");
            return;
        }
        ObjectNode index = JsonCodec.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", Manifest.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        for (var e : manifests.entrySet()) {
            if (!e.getKey().startsWith(repo + "@sha256:")) {
                continue;
            }
            JsonNode m = JsonCodec.mapper().readTree(e.getValue());
            if (!digest.equals(m.path("subject").path("digest").asText())) {
                continue;
            }
            ObjectNode d = list.addObject();
            d.put("mediaType", m.path("mediaType").asText());
            d.put("digest", e.getKey().substring(repo.length() + 1));
            d.put("size", e.getValue().length);
            if (m.has("artifactType")) {
                d.put("artifactType", m.path("artifactType").asText());
            }
            if (m.has("annotations")) {
                d.set("annotations", m.path("annotations"));
            }
        }
        send(ex, 200, JsonCodec.writeString(index), Manifest.OCI_INDEX);
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sendBytes(ex, status, bytes.length == 0 ? null : bytes, type, bytes.length);
    }

    private static void sendBytes(HttpExchange ex, int status, byte[] body, String type, long length) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
