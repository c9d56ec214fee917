package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A client of the OCI distribution API over {@code java.net.http}: manifests, blobs and referrers, with
 * the registry's bearer-token or basic authentication. HTTPS always, except that a loopback registry,
 * or any registry with {@link Options#allowInsecure()}, is tried over plain HTTP when it does not speak
 * TLS. Every response is bounded: manifests by {@link Options#maxManifestBytes()}, blobs by the size
 * their descriptor states, and every exchange by {@link Options#timeout()}, body included.
 */
public final class RegistryClient {
    /** The default cap on a manifest or an index, as containerd sets it. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** The cap on a token service's answer. */
    public static final int MAX_TOKEN_BYTES = 1 << 20;
    /** Pages of a referrers listing followed. */
    public static final int MAX_REFERRER_PAGES = 16;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-deadline");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param ssl the TLS context (a custom CA), or null for the JDK's default trust
     * @param allowInsecure allow plain HTTP to any registry, not only a loopback one
     */
    public record Options(CredentialStore credentials, SSLContext ssl, boolean allowInsecure, Duration timeout, int maxManifestBytes) {
        public Options {
            if (credentials == null || timeout == null || timeout.isNegative() || timeout.isZero() || maxManifestBytes <= 0) {
                throw new IllegalArgumentException("registry options need credentials, a positive timeout and a manifest cap");
            }
        }

        public static Options defaults(CredentialStore credentials) {
            return new Options(credentials, null, false, Duration.ofSeconds(30), MAX_MANIFEST_BYTES);
        }

        public Options withTimeout(Duration t) {
            return new Options(credentials, ssl, allowInsecure, t, maxManifestBytes);
        }

        public Options withInsecure(boolean insecure) {
            return new Options(credentials, ssl, insecure, timeout, maxManifestBytes);
        }

        public Options withSsl(SSLContext context) {
            return new Options(credentials, context, allowInsecure, timeout, maxManifestBytes);
        }

        public Options withMaxManifestBytes(int max) {
            return new Options(credentials, ssl, allowInsecure, timeout, max);
        }
    }

    /** A manifest pushed: its digest, and whether the registry said it processed the subject (OCI-Subject). */
    public record Pushed(Digest digest, Optional<Digest> ociSubject) {}

    private final Options options;
    private final HttpClient http;
    /** For the first HTTPS attempt where plain HTTP is allowed: a server that ignores a TLS hello is given up on soon. */
    private final HttpClient probe;
    private final Map<String, String> schemes = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, Optional<Credential>> credentials = new ConcurrentHashMap<>();

    public RegistryClient(Options options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (options.ssl() != null) {
            builder.sslContext(options.ssl());
        }
        this.http = builder.build();
        this.probe = builder.connectTimeout(options.timeout().compareTo(PROBE_TIMEOUT) < 0 ? options.timeout() : PROBE_TIMEOUT).build();
    }

    public Options options() {
        return options;
    }

    /**
     * The manifest {@code reference} (a tag, or a digest the content is then checked against) names in
     * {@code image}'s repository.
     *
     * @throws VerificationException if the content does not hash to the digest asked for
     */
    public Manifest manifest(ImageReference image, String reference)
            throws RegistryException, VerificationException, IOException, FormatException {
        return manifestIfPresent(image, reference).orElseThrow(() -> new RegistryException(image.registry(), 404,
                "no manifest " + reference + " in " + image.repository(), null));
    }

    /** As {@link #manifest}, empty when the registry has no such manifest (404). */
    public Optional<Manifest> manifestIfPresent(ImageReference image, String reference)
            throws RegistryException, VerificationException, IOException, FormatException {
        Exchange ex = exchange(image, "GET", manifestPath(image, reference), Map.of("Accept", Manifest.ACCEPT), null, "pull");
        try (ex) {
            if (ex.status == 404) {
                return Optional.empty();
            }
            ex.expect(200, "fetching manifest " + reference);
            byte[] bytes = ex.readAll(options.maxManifestBytes(), "manifest " + image.repositoryName() + ":" + reference);
            Manifest manifest = Manifest.parse(bytes, ex.header("Content-Type"));
            if (Digest.looksLikeDigest(reference) && !manifest.digest().toString().equals(reference)) {
                throw new VerificationException(Check.ARTIFACT_DIGEST, "the registry served " + image.repositoryName() + "@"
                        + reference + " as content whose digest is " + manifest.digest());
            }
            return Optional.of(manifest);
        }
    }

    /** Streams blob {@code d} into {@code sink}, refusing more than {@code maxBytes} and content of another digest. */
    public void blob(ImageReference image, Digest d, long maxBytes, OutputStream sink)
            throws RegistryException, VerificationException, IOException {
        Exchange ex = exchange(image, "GET", "/v2/" + image.repository() + "/blobs/" + d, Map.of(), null, "pull");
        try (ex) {
            ex.expect(200, "fetching blob " + d);
            MessageDigest sha = sha256();
            long total = 0;
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = ex.body.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new InputTooLargeException(image.repositoryName() + "@" + d, "blob", dev.provenant.attest.io.InputLimit.describe(maxBytes));
                }
                sha.update(buffer, 0, n);
                sink.write(buffer, 0, n);
            }
            String got = "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
            if (!got.equals(d.toString())) {
                throw new VerificationException(Check.ARTIFACT_DIGEST, "the registry served blob " + d + " of "
                        + image.repositoryName() + " as content whose digest is " + got);
            }
        }
    }

    /** Blob {@code d}, at most {@code maxBytes}, checked against its digest. */
    public byte[] blob(ImageReference image, Digest d, int maxBytes) throws RegistryException, VerificationException, IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        blob(image, d, maxBytes, out);
        return out.toByteArray();
    }

    /** Uploads {@code content} as a blob unless the repository has it already; returns its digest. */
    public Digest pushBlob(ImageReference image, byte[] content) throws RegistryException, IOException {
        Digest d = Manifest.sha256(content);
        try (Exchange head = exchange(image, "HEAD", "/v2/" + image.repository() + "/blobs/" + d, Map.of(), null, "pull,push")) {
            if (head.status == 200) {
                return d;
            }
        }
        String location;
        try (Exchange start = exchange(image, "POST", "/v2/" + image.repository() + "/blobs/uploads/", Map.of(), new byte[0],
                "pull,push")) {
            start.expect(202, "starting a blob upload");
            location = start.header("Location");
            if (location == null) {
                throw new RegistryException(image.registry(), "a blob upload was started without a Location to send it to");
            }
        }
        URI target = resolve(image, location);
        String query = target.getRawQuery();
        String put = target.getRawPath() + "?" + (query == null || query.isEmpty() ? "" : query + "&") + "digest="
                + URLEncoder.encode(d.toString(), StandardCharsets.UTF_8);
        if (!target.getRawAuthority().equalsIgnoreCase(image.apiHost())) {
            throw new RegistryException(image.registry(), "the registry sent the blob upload to another host ("
                    + target.getHost() + "), which Provenant does not follow");
        }
        try (Exchange done = exchange(image, "PUT", put, Map.of("Content-Type", "application/octet-stream"), content,
                "pull,push")) {
            done.expect(201, "uploading blob " + d);
        }
        return d;
    }

    /** Pushes a manifest under {@code reference} (a tag, or its digest). */
    public Pushed pushManifest(ImageReference image, String reference, byte[] content, String mediaType)
            throws RegistryException, IOException {
        Digest d = Manifest.sha256(content);
        if (Digest.looksLikeDigest(reference) && !reference.equals(d.toString())) {
            throw new IllegalArgumentException("manifest content hashes to " + d + ", not " + reference);
        }
        try (Exchange ex = exchange(image, "PUT", manifestPath(image, reference), Map.of("Content-Type", mediaType), content,
                "pull,push")) {
            ex.expect(201, "pushing manifest " + reference);
            String subject = ex.header("OCI-Subject");
            Optional<Digest> s = Optional.empty();
            if (subject != null && Digest.looksLikeDigest(subject.trim())) {
                s = Optional.of(Digest.parse(subject.trim()));
            }
            return new Pushed(d, s);
        }
    }

    /**
     * The referrers API's index of the manifests whose subject is {@code d}, every page of it; empty
     * when the registry does not serve the API (404), in which case the fallback tag holds them.
     */
    public Optional<List<Descriptor>> referrersApi(ImageReference image, Digest d)
            throws RegistryException, IOException, FormatException {
        String path = "/v2/" + image.repository() + "/referrers/" + d;
        List<Descriptor> all = new ArrayList<>();
        for (int page = 0; page < MAX_REFERRER_PAGES && path != null; page++) {
            try (Exchange ex = exchange(image, "GET", path, Map.of("Accept", Manifest.OCI_INDEX), null, "pull")) {
                if (ex.status == 404 && page == 0) {
                    return Optional.empty();
                }
                ex.expect(200, "listing the referrers of " + d);
                byte[] bytes = ex.readAll(options.maxManifestBytes(), "referrers of " + image.repositoryName() + "@" + d);
                Manifest index = Manifest.parse(bytes, ex.header("Content-Type"));
                if (!index.mediaType().equals(Manifest.OCI_INDEX)) {
                    throw new FormatException("the referrers API answered with " + index.mediaType() + ", not an OCI index");
                }
                all.addAll(index.manifests());
                String link = ex.header("Link");
                path = null;
                if (link != null) {
                    Matcher m = LINK_NEXT.matcher(link);
                    if (m.find()) {
                        URI next = resolve(image, m.group(1));
                        path = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
                    }
                }
            }
        }
        return Optional.of(all);
    }

    private static String manifestPath(ImageReference image, String reference) {
        return "/v2/" + image.repository() + "/manifests/" + reference;
    }

    private URI resolve(ImageReference image, String location) throws RegistryException {
        URI base = URI.create(scheme(image) + "://" + image.apiHost() + "/");
        URI target;
        try {
            target = base.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(image.registry(), "the registry sent an unusable location: " + e.getMessage());
        }
        if (!target.getHost().equalsIgnoreCase(base.getHost()) && !"https".equals(target.getScheme())) {
            throw new RegistryException(image.registry(), "the registry sent us to plain HTTP on another host");
        }
        return target;
    }

    private String scheme(ImageReference image) {
        return schemes.getOrDefault(image.registry(), "https");
    }

    private boolean mayUseHttp(ImageReference image) {
        return image.isLoopback() || options.allowInsecure();
    }

    /** One request, after the registry's authentication challenge if it makes one, and its redirects. */
    private Exchange exchange(ImageReference image, String method, String path, Map<String, String> headers,
            byte[] body, String actions) throws RegistryException, IOException {
        String scope = "repository:" + image.repository() + ":" + actions;
        String key = image.registry() + " " + scope;
        boolean challenged = false;
        while (true) {
            URI uri = URI.create(scheme(image) + "://" + image.apiHost() + path);
            HttpResponse<InputStream> response = send(image, uri, method, headers, body, authorizations.get(key));
            for (int hops = 0; isRedirect(response.statusCode()) && (method.equals("GET") || method.equals("HEAD")); hops++) {
                String location = response.headers().firstValue("Location").orElse(null);
                response.body().close();
                if (location == null || hops >= MAX_REDIRECTS) {
                    throw new RegistryException(image.registry(), response.statusCode(), "too many or broken redirects for " + path, null);
                }
                URI next = uri.resolve(location);
                if ("http".equals(next.getScheme()) && "https".equals(uri.getScheme())) {
                    throw new RegistryException(image.registry(), "a redirect from HTTPS to plain HTTP was refused");
                }
                // credentials stay with the registry: a redirect to a storage host gets none
                boolean keep = next.getHost() != null && next.getHost().equalsIgnoreCase(uri.getHost()) && next.getPort() == uri.getPort();
                response = send(image, next, method, headers, null, keep ? authorizations.get(key) : null);
                uri = next;
            }
            if (response.statusCode() == 401 && !challenged) {
                String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
                response.body().close();
                authorizations.put(key, authorize(image, challenge, scope));
                challenged = true;
                continue;
            }
            if (response.statusCode() == 401) {
                response.body().close();
                Optional<Credential> credential = credential(image);
                throw new RegistryException(image.registry(), 401, credential.isPresent()
                        ? "the registry refused the credentials (" + credential.get() + "); log in again" 
                        : "the registry needs credentials: docker login " + image.registry(), null);
            }
            return new Exchange(image, response, options.timeout());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private HttpResponse<InputStream> send(ImageReference image, URI uri, String method, Map<String, String> headers, byte[] body,
            String authorization) throws RegistryException, IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        request.header("User-Agent", "provenant");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        boolean probing = mayUseHttp(image) && "https".equals(uri.getScheme()) && !schemes.containsKey(image.registry())
                && uri.getHost().equalsIgnoreCase(image.hostName());
        try {
            HttpResponse<InputStream> response = (probing ? probe : http).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (probing) {
                schemes.put(image.registry(), "https");
            }
            return response;
        } catch (java.net.http.HttpConnectTimeoutException e) {
            if (probing) {
                // the TCP connection opened (a refused one fails at once) but no TLS answer came: a plain HTTP server
                schemes.put(image.registry(), "http");
                return send(image, plainHttp(uri), method, headers, body, authorization);
            }
            throw new RegistryException(image.registry(), -1, "no answer within " + options.timeout().toSeconds() + " s", e);
        } catch (SSLException e) {
            // plain HTTP only when the server does not speak TLS at all: a certificate it presents is never bypassed
            if (probing && !isCertificateProblem(e)) {
                schemes.put(image.registry(), "http");
                return send(image, plainHttp(uri), method, headers, body, authorization);
            }
            throw new RegistryException(image.registry(), -1, "TLS failed: " + e.getMessage()
                    + (image.isLoopback() ? "" : " (a private CA: --registry-ca FILE)"), e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(image.registry(), -1, "no answer within " + options.timeout().toSeconds() + " s", e);
        } catch (java.net.ConnectException e) {
            throw new RegistryException(image.registry(), -1, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), e);
        } catch (IOException e) {
            throw new RegistryException(image.registry(), -1, "request failed: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(image.registry(), "interrupted");
        }
    }

    private static URI plainHttp(URI uri) {
        return URI.create("http://" + uri.getRawAuthority() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return true;
            }
        }
        return e instanceof javax.net.ssl.SSLHandshakeException && e.getMessage() != null && e.getMessage().contains("PKIX");
    }

    private Optional<Credential> credential(ImageReference image) throws RegistryException {
        Optional<Credential> known = credentials.get(image.registry());
        if (known == null) {
            known = options.credentials().lookup(image.registry());
            credentials.put(image.registry(), known);
        }
        return known;
    }

    /** The Authorization header a 401's challenge asks for: a bearer token from the realm, or basic credentials. */
    private String authorize(ImageReference image, String challenge, String scope) throws RegistryException, IOException {
        String lower = challenge.toLowerCase(Locale.ROOT);
        Optional<Credential> credential = credential(image);
        if (lower.startsWith("basic")) {
            if (credential.isEmpty() || credential.get().isIdentityToken()) {
                throw new RegistryException(image.registry(), 401, "the registry needs credentials: docker login "
                        + image.registry(), null);
            }
            return credential.get().basicHeader();
        }
        if (!lower.startsWith("bearer")) {
            throw new RegistryException(image.registry(), 401, "the registry asked for authentication Provenant does not speak ("
                    + challenge.split(" ", 2)[0] + ")", null);
        }
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryException(image.registry(), 401, "the registry's bearer challenge names no realm", null);
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(image.registry(), 401, "the registry's token realm is not a URL", null);
        }
        boolean realmLoopback = realmUri.getHost() != null && (realmUri.getHost().equals("localhost")
                || realmUri.getHost().startsWith("127.") || realmUri.getHost().equals("[::1]"));
        if (!"https".equals(realmUri.getScheme()) && !(("http".equals(realmUri.getScheme())) && (realmLoopback || options.allowInsecure()))) {
            throw new RegistryException(image.registry(), 401, "the token realm " + realm + " is not HTTPS: credentials are not sent there", null);
        }
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        query.append(query.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest.Builder request;
        if (credential.isPresent() && credential.get().isIdentityToken()) {
            String form = query + "&grant_type=refresh_token&client_id=provenant&refresh_token="
                    + URLEncoder.encode(credential.get().secret(), StandardCharsets.UTF_8);
            request = HttpRequest.newBuilder(realmUri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            String sep = realm.contains("?") ? "&" : "?";
            request = HttpRequest.newBuilder(URI.create(realm + sep + query)).GET();
            credential.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        }
        request.timeout(options.timeout()).header("User-Agent", "provenant");
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RegistryException(image.registry(), -1, "the token service " + realmUri.getHost() + " did not answer in time", e);
        } catch (IOException e) {
            throw new RegistryException(image.registry(), -1, "the token service " + realmUri.getHost() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(image.registry(), "interrupted");
        }
        try (Exchange ex = new Exchange(image, response, options.timeout())) {
            if (ex.status == 401 || ex.status == 403) {
                throw new RegistryException(image.registry(), ex.status, credential.isPresent()
                        ? "the token service refused the credentials (" + credential.get() + "); log in again"
                        : "the token service needs credentials: docker login " + image.registry(), null);
            }
            ex.expect(200, "getting a token from " + realmUri.getHost());
            JsonNode answer;
            try {
                answer = JsonCodec.readTree(ex.readAll(MAX_TOKEN_BYTES, "token from " + realmUri.getHost()), "token answer");
            } catch (FormatException e) {
                throw new RegistryException(image.registry(), "the token service's answer is not JSON");
            }
            String token = answer.path("token").asText(answer.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new RegistryException(image.registry(), "the token service's answer holds no token");
            }
            return "Bearer " + token;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response whose body is closed at the deadline if it is still being read then. */
    private static final class Exchange implements AutoCloseable {
        final ImageReference image;
        final int status;
        final InputStream body;
        final HttpResponse<InputStream> response;
        private final ScheduledFuture<?> deadline;

        Exchange(ImageReference image, HttpResponse<InputStream> response, Duration timeout) {
            this.image = image;
            this.response = response;
            this.status = response.statusCode();
            this.body = response.body();
            this.deadline = WATCHDOG.schedule(() -> {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader sees the stream end
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        void expect(int wanted, String doing) throws RegistryException {
            if (status != wanted) {
                String code = "";
                if (status >= 400 && status < 500) {
                    try {
                        JsonNode errors = JsonCodec.readTree(readAll(64 << 10, "error"), "registry error");
                        String c = errors.path("errors").path(0).path("code").asText("");
                        code = c.matches("[A-Z_]{1,64}") ? " " + c : "";
                    } catch (IOException | FormatException ignored) {
                        // the status says enough
                    }
                }
                throw new RegistryException(image.registry(), status, doing + " failed: HTTP " + status + code, null);
            }
        }

        /** @param what the kind of content and its name: "manifest REGISTRY/REPO:TAG" */
        byte[] readAll(int max, String what) throws IOException {
            byte[] bytes = DockerConfig.readBounded(body, max + 1);
            if (bytes.length > max) {
                String[] parts = what.split(" ", 2);
                throw new InputTooLargeException(parts.length > 1 ? parts[1] : parts[0], parts[0], dev.provenant.attest.io.InputLimit.describe(max));
            }
            return bytes;
        }

        @Override
        public void close() {
            deadline.cancel(false);
            try {
                body.close();
            } catch (IOException ignored) {
                // nothing more to read
            }
        }
    }
}
