package dev.provenant.localsigstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provenant.attest.io.AtomicFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An embedded Sigstore stack on the loopback interface: Fulcio (gRPC over TLS), Rekor v1 and v2 over one
 * Merkle log, an RFC 3161 TSA and a test OIDC issuer (plain HTTP on one port). Start it with
 * {@link #start}; it writes into its directory the {@code trusted_root.json} and {@code signing_config.json}
 * that match it, an identity token for the configured identity ({@code token}, renewed while it runs), and
 * a trust store ({@code tls-truststore.jks}: the JDK's CAs plus the stack's TLS CA) for the Fulcio
 * connection. Keys and log entries persist in the directory, so a restart is the same authority.
 */
public final class LocalSigstore implements AutoCloseable {
    static final String OIDC_PATH = "/oauth2";
    public static final String TOKEN_FILE = "token";
    public static final String TRUST_STORE = "tls-truststore.jks";
    private static final Logger LOG = Logger.getLogger(LocalSigstore.class.getName());
    /** The most bytes of one request body: a proposal carries its envelope, whose payload the log keeps only a hash of. */
    static final int MAX_REQUEST = 1024 * 1024;

    private final Path directory;
    private final Identity identity;
    private final Urls urls;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final Server grpc;
    private final RekorLog log;
    private final OidcIssuer issuer;
    private final ScheduledExecutorService renewal;
    private final DirectoryLock lock;

    private LocalSigstore(Path directory, Identity identity, Urls urls, HttpServer http, ExecutorService httpThreads, Server grpc,
            RekorLog log, OidcIssuer issuer, ScheduledExecutorService renewal, DirectoryLock lock) {
        this.directory = directory;
        this.identity = identity;
        this.urls = urls;
        this.http = http;
        this.httpThreads = httpThreads;
        this.grpc = grpc;
        this.log = log;
        this.issuer = issuer;
        this.renewal = renewal;
        this.lock = lock;
    }

    /**
     * Starts the stack. It holds {@code DIR/lock} while it runs: a second stack on the same directory fails
     * with {@link DirectoryInUseException} before it touches anything. The ports it listens on are kept
     * in {@code DIR/ports.json} and reused by the next start, so the OIDC issuer URL its certificates
     * name stays the same.
     *
     * @param directory where keys, the log, the trust files and the token live (created if missing)
     * @param httpPort the port of the HTTP services; 0 for the one the directory's stack used before, or any free one
     * @param fulcioPort the port of the Fulcio gRPC service; 0 for the one used before, or any free one
     * @param identity whom the test issuer's tokens name
     * @throws IllegalArgumentException when {@code httpPort} is not the port the directory's stack has used,
     *     which would change its OIDC issuer URL
     */
    public static LocalSigstore start(Path directory, int httpPort, int fulcioPort, Identity identity)
            throws IOException, GeneralSecurityException {
        return start(directory, httpPort, fulcioPort, identity, RekorApis.BOTH);
    }

    /**
     * As {@link #start(Path, int, int, Identity)}, serving and naming in its signing config only the Rekor
     * APIs given; the trusted root keeps both logs, so bundles signed before still verify.
     */
    public static LocalSigstore start(Path directory, int httpPort, int fulcioPort, Identity identity, RekorApis apis)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        DirectoryLock lock = DirectoryLock.acquire(directory);
        try {
            return start(directory, httpPort, fulcioPort, identity, apis, lock);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static LocalSigstore start(Path directory, int httpPort, int fulcioPort, Identity identity, RekorApis apis,
            DirectoryLock lock)
            throws IOException, GeneralSecurityException {
        Clock clock = Clock.systemUTC();
        java.util.Optional<StackPorts> kept = StackPorts.load(directory);
        if (kept.isPresent()) {
            int keptHttp = kept.get().http();
            if (httpPort != 0 && httpPort != keptHttp) {
                throw new IllegalArgumentException("the stack in " + directory + " listens on port " + keptHttp
                        + ", and the certificates it issued name http://127.0.0.1:" + keptHttp + OIDC_PATH
                        + " as their issuer; use that port (--port " + keptHttp + ") or another directory");
            }
            httpPort = keptHttp;
            fulcioPort = fulcioPort != 0 ? fulcioPort : kept.get().fulcio();
        }
        StackKeys keys = StackKeys.loadOrCreate(directory);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 64);
        } catch (IOException e) {
            throw portInUse(httpPort, "HTTP", kept.isPresent(), directory, e);
        }
        Server grpc = null;
        RekorLog log = null;
        ExecutorService threads = Executors.newFixedThreadPool(4, daemon("local-sigstore-http"));
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(daemon("local-sigstore-token"));
        try {
            Path tls = directory.resolve("keys");
            Urls urls = Urls.of(http.getAddress().getPort(), 0);
            OidcIssuer issuer = new OidcIssuer(urls.oidcIssuer(), keys.oidc(), clock);
            CtLog ctLog = new CtLog(keys.ctLog(), keys.fulcio().getPublic(), clock);
            FulcioCa ca = new FulcioCa(keys.fulcio(), keys.fulcioChain(), ctLog, clock);
            Server fulcio = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, fulcioPort))
                    .sslContext(GrpcSslContexts.forServer(
                            new ByteArrayInputStream(Pem.certificates(java.util.List.of(keys.tlsServerCertificate(), keys.tlsCaCertificate()))
                                    .getBytes(StandardCharsets.US_ASCII)),
                            new ByteArrayInputStream(Files.readAllBytes(tls.resolve("tls-server.key")))).build())
                    .addService(new FulcioService(ca, issuer))
                    .build();
            try {
                grpc = fulcio.start();
            } catch (IOException e) {
                throw portInUse(fulcioPort, "Fulcio", kept.isPresent(), directory, e);
            }
            urls = Urls.of(http.getAddress().getPort(), grpc.getPort());
            new StackPorts(http.getAddress().getPort(), grpc.getPort()).save(directory);
            log = new RekorLog(directory.resolve("log"), "127.0.0.1", keys.treeId(), keys.rekorV1(), keys.rekorV2());
            RekorV1Api v1 = new RekorV1Api(log, keys.rekorV1(), clock);
            RekorV2Api v2 = new RekorV2Api(log, keys.rekorV2());
            TimestampAuthority tsa = new TimestampAuthority(keys.tsa(), keys.tsaCertificate(), keys.tsaRootCertificate(), clock);
            routes(http, urls, apis, v1, v2, tsa, issuer, identity, ca);
            http.setExecutor(threads);
            http.start();

            TrustFiles.write(directory, keys, urls, apis);
            writeTrustStore(directory.resolve(TRUST_STORE), keys);
            LocalSigstore stack = new LocalSigstore(directory, identity, urls, http, threads, grpc, log, issuer, renewal, lock);
            stack.writeToken();
            renewal.scheduleAtFixedRate(stack::renewToken, 10, 10, TimeUnit.MINUTES);
            return stack;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            http.stop(0);
            threads.shutdownNow();
            renewal.shutdownNow();
            if (grpc != null) {
                grpc.shutdownNow();
            }
            if (log != null) {
                log.close();
            }
            throw e;
        }
    }

    private static IOException portInUse(int port, String service, boolean kept, Path directory, IOException cause) {
        if (!kept || port == 0) {
            return cause;
        }
        IOException e = new IOException("port " + port + ", which the stack in " + directory + " has listened on (" + service
                + "; kept in " + StackPorts.FILE + " so its OIDC issuer URL stays the same), is not free: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /**
     * {@link #start(Path, int, int, Identity)} with JDK types only, for callers that load this module in
     * their own class loader (the CLI).
     *
     * @throws IllegalArgumentException when {@code identity} is neither an email address nor a URI
     */
    public static LocalSigstore start(Path directory, int httpPort, int fulcioPort, String identity)
            throws IOException, GeneralSecurityException {
        return start(directory, httpPort, fulcioPort, Identity.parse(identity));
    }

    /** {@link #start(Path, int, int, Identity, RekorApis)} with JDK types only; {@code rekor} is v1, v2 or both. */
    public static LocalSigstore start(Path directory, int httpPort, int fulcioPort, String identity, String rekor)
            throws IOException, GeneralSecurityException {
        return start(directory, httpPort, fulcioPort, Identity.parse(identity), RekorApis.parse(rekor));
    }

    public Urls urls() {
        return urls;
    }

    public Identity identity() {
        return identity;
    }

    public Path directory() {
        return directory;
    }

    public Path trustedRoot() {
        return directory.resolve(TrustFiles.TRUSTED_ROOT);
    }

    public Path signingConfig() {
        return directory.resolve(TrustFiles.SIGNING_CONFIG);
    }

    /** The identity token file, owner-only, renewed every ten minutes while the stack runs. */
    public Path tokenFile() {
        return directory.resolve(TOKEN_FILE);
    }

    /** A trust store holding the JDK's CAs and the stack's TLS CA, for {@code javax.net.ssl.trustStore}. */
    public Path trustStore() {
        return directory.resolve(TRUST_STORE);
    }

    public String oidcIssuer() {
        return issuer.issuer();
    }

    /** A fresh identity token for the configured identity, valid for an hour. */
    public String mintToken() throws GeneralSecurityException {
        return issuer.mint(identity, OidcIssuer.TOKEN_LIFETIME);
    }

    /** A token for another identity, for tests that need a signer the verifier must not accept. */
    public String mintToken(Identity other) throws GeneralSecurityException {
        return issuer.mint(other, OidcIssuer.TOKEN_LIFETIME);
    }

    /** Where each service listens and which files the stack wrote, in a fixed order, for printing. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("fulcio", urls.fulcio());
        out.put("rekor", urls.rekor());
        out.put("tsa", urls.tsa());
        out.put("oidcIssuer", urls.oidcIssuer());
        out.put("tokenEndpoint", urls.oidcIssuer() + "/token");
        out.put("identity", identity.value());
        out.put("trustedRoot", trustedRoot().toString());
        out.put("signingConfig", signingConfig().toString());
        out.put("tokenFile", tokenFile().toString());
        out.put("trustStore", trustStore().toString());
        return out;
    }

    @Override
    public void close() throws IOException {
        renewal.shutdownNow();
        http.stop(0);
        httpThreads.shutdownNow();
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } finally {
            lock.close();
        }
    }

    private void writeToken() throws IOException, GeneralSecurityException {
        AtomicFile.write(tokenFile(), (mintToken() + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFile.OWNER_ONLY, true);
    }

    private void renewToken() {
        try {
            writeToken();
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(Level.WARNING, "cannot renew the identity token file: " + e.getMessage());
        }
    }

    private static void writeTrustStore(Path file, StackKeys keys) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (Files.isReadable(cacerts)) {
            KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(cacerts)) {
                jdk.load(in, null);
            }
            for (String alias : java.util.Collections.list(jdk.aliases())) {
                if (jdk.isCertificateEntry(alias)) {
                    store.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
        }
        store.setCertificateEntry("provenant-local-sigstore-tls", keys.tlsCaCertificate());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // the store holds public certificates only; JKS needs some password to write its integrity check
        store.store(out, "changeit".toCharArray());
        AtomicFile.write(file, out.toByteArray(), AtomicFile.PUBLIC, true);
    }

    private static void routes(HttpServer http, Urls urls, RekorApis apis, RekorV1Api v1, RekorV2Api v2, TimestampAuthority tsa,
            OidcIssuer issuer,
            Identity identity, FulcioCa ca) {
        http.createContext("/", exchange -> handle(exchange, () -> {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean post = method.equals("POST");
            boolean get = method.equals("GET");
            if (post && path.equals(RekorV1Api.ENTRIES_PATH)) {
                if (!apis.v1()) {
                    return ApiResponse.error(404, "this stack serves Rekor v2 only (local-sigstore --rekor " + apis + ")");
                }
                return v1.create(body(exchange));
            }
            if (get && path.equals(RekorV1Api.PROOF_PATH)) {
                return v1.consistency(exchange.getRequestURI().getRawQuery());
            }
            if (get && path.equals(RekorV1Api.LOG_PATH)) {
                return v1.logInfo();
            }
            if (post && path.equals(RekorV2Api.ENTRIES_PATH)) {
                if (!apis.v2()) {
                    return ApiResponse.error(404, "this stack serves Rekor v1 only (local-sigstore --rekor " + apis + ")");
                }
                return v2.create(body(exchange));
            }
            if (get && path.equals(RekorV2Api.CHECKPOINT_PATH)) {
                return v2.checkpoint();
            }
            if (post && path.equals(TimestampAuthority.PATH)) {
                return tsa.respond(body(exchange));
            }
            if (get && path.equals(TimestampAuthority.PATH + "/certchain")) {
                return new ApiResponse(200, "application/pem-certificate-chain", null,
                        Pem.certificates(tsa.chain()).getBytes(StandardCharsets.US_ASCII));
            }
            // Fulcio's REST views of its configuration and trust bundle; the gRPC API of the sigstore-java
            // release this stack speaks has GetTrustBundle but no GetConfiguration
            if (get && path.equals("/api/v2/configuration")) {
                ObjectNode configuration = JsonCodec.mapper().createObjectNode();
                configuration.putArray("issuers").addObject()
                        .put("issuerUrl", issuer.issuer())
                        .put("audience", OidcIssuer.AUDIENCE)
                        .put("challengeClaim", identity.email() ? "email" : "sub");
                return ApiResponse.json(200, JsonCodec.writeString(configuration));
            }
            if (get && path.equals("/api/v2/trustBundle")) {
                ObjectNode bundle = JsonCodec.mapper().createObjectNode();
                var certificates = bundle.putArray("chains").addObject().putArray("certificates");
                for (var c : ca.chain()) {
                    certificates.add(Pem.encode(c));
                }
                return ApiResponse.json(200, JsonCodec.writeString(bundle));
            }
            if (get && path.equals(OIDC_PATH + "/.well-known/openid-configuration")) {
                return ApiResponse.json(200, issuer.discovery(urls.http()));
            }
            if (get && path.equals(OIDC_PATH + "/jwks")) {
                return ApiResponse.json(200, issuer.jwks());
            }
            if ((post || get) && path.equals(OIDC_PATH + "/token")) {
                String token = issuer.mint(identity, OidcIssuer.TOKEN_LIFETIME);
                return ApiResponse.json(200, JsonCodec.writeString(JsonCodec.mapper().createObjectNode()
                        .put("access_token", token).put("id_token", token).put("token_type", "Bearer")
                        .put("expires_in", OidcIssuer.TOKEN_LIFETIME.toSeconds())));
            }
            return ApiResponse.error(404, "no " + method + " " + path + " here");
        }));
    }

    private interface Handler {
        ApiResponse handle() throws IOException, GeneralSecurityException;
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            ApiResponse response;
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                response = ApiResponse.error(403, "this stack serves the loopback interface only");
            } else {
                try {
                    response = handler.handle();
                } catch (RequestTooLargeException e) {
                    response = ApiResponse.error(413, "request bodies may have at most " + MAX_REQUEST + " bytes");
                    // the body was not read: the client must not send another request on this connection
                    exchange.getResponseHeaders().set("Connection", "close");
                } catch (RekorLog.LogFullException e) {
                    response = ApiResponse.error(507, e.getMessage());
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    LOG.log(Level.WARNING, "request failed", e);
                    response = ApiResponse.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            if (response.location() != null) {
                exchange.getResponseHeaders().set("Location", response.location());
            }
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    // A declared length over the bound is refused before a byte of the body is read; a chunked body is
    // read up to the bound and no further.
    private static byte[] body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > MAX_REQUEST) {
                throw new RequestTooLargeException();
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST + 1);
            if (bytes.length > MAX_REQUEST) {
                throw new RequestTooLargeException();
            }
            return bytes;
        }
    }

    private static final class RequestTooLargeException extends IOException {
        RequestTooLargeException() {
            super("request too large");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
