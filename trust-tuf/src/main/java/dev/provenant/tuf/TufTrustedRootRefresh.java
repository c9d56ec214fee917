package dev.provenant.tuf;

import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootRefresher;
import dev.provenant.verifier.trust.tuf.TufException;
import dev.provenant.verifier.trust.tuf.TufRepository;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Updates a cached trusted root through TUF: the public-good one from Sigstore's TUF repository, or, for
 * a cache made with {@link TrustedRootCache#forRepository}, the one of that repository (http or https). This module only fetches files
 * (java.net.http, bounded in size and time); every TUF check, and the atomic store, is the verifier's
 * ({@link TrustedRootCache#refresh}), the same code that checks the cache again on every use.
 */
public final class TufTrustedRootRefresh implements TrustedRootRefresher {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final TufRepository.Fetcher fetcher;

    /** Fetches from the public-good repository mirror that sigstore-java is configured with. */
    public TufTrustedRootRefresh() {
        this.fetcher = null;
    }

    /** Fetches through {@code fetcher} instead of the network. */
    TufTrustedRootRefresh(TufRepository.Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public TrustedRootCache.Cached refresh(TrustedRootCache cache) throws RefreshException {
        try {
            if (cache.repository().isPresent()) {
                URI repository = cache.repository().get();
                try {
                    return cache.refresh(fetcher != null ? fetcher : new HttpFetcher(repository));
                } catch (TufException e) {
                    throw new RefreshException("the TUF repository " + repository + " does not hold: " + e.getMessage(), e, true);
                }
            }
            return cache.refresh(fetcher != null ? fetcher : new HttpFetcher(publicGoodMirror()));
        } catch (TufException e) {
            throw new RefreshException("TUF update of the public-good trusted root failed: " + e.getMessage(), e, true);
        } catch (IOException e) {
            // the fetcher's own messages name the file and the cause
            throw new RefreshException("cannot refresh the trusted root: "
                    + (e.getMessage() == null ? oneLine(e) : e.getMessage().replace('\n', ' ')), e);
        }
    }

    /**
     * The public-good TUF mirror as sigstore-java's {@code usePublicGoodInstance()} defines it, so the
     * address lives in one place, next to the root of trust it goes with.
     */
    static URI publicGoodMirror() throws IOException {
        try {
            SigstoreTufClient.Builder builder = SigstoreTufClient.builder().usePublicGoodInstance();
            Field mirror = SigstoreTufClient.Builder.class.getDeclaredField("remoteMirror");
            mirror.setAccessible(true);
            URI uri = (URI) mirror.get(builder);
            if (uri == null || !"https".equals(uri.getScheme())) {
                throw new IOException("sigstore-java names no HTTPS public-good TUF mirror");
            }
            return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot find sigstore-java's public-good TUF mirror: " + oneLine(e), e);
        }
    }

    /** GETs repository files, reading at most the size the caller allows. */
    static final class HttpFetcher implements TufRepository.Fetcher {
        private final URI base;
        private final HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        HttpFetcher(URI base) {
            this.base = base;
        }

        @Override
        public Optional<byte[]> fetch(String path, int maxBytes) throws IOException {
            URI uri = base.resolve(path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            } catch (IOException | java.nio.channels.UnresolvedAddressException e) {
                throw new IOException("cannot fetch " + uri + ": " + describe(e), e);
            }
            try (InputStream in = response.body()) {
                // 403 is what the public-good CDN answers for a file it does not have
                if (response.statusCode() == 404 || response.statusCode() == 403) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + response.statusCode());
                }
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    throw new TufRepository.TooLargeException(uri + " is larger than " + maxBytes + " bytes");
                }
                return Optional.of(body);
            }
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "the host name does not resolve (no network?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot connect" + (t.getMessage() == null ? "" : " (" + t.getMessage().replace('\n', ' ') + ")");
            }
        }
        return oneLine(e);
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }
}
