package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.verifier.trust.tuf.TufException;
import dev.provenant.verifier.trust.tuf.TufRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A local copy of the public-good trusted root, written by {@code provenant trust refresh} together
 * with the TUF metadata that vouches for it ({@code DIR/public-good-tuf/}). Every use verifies the
 * whole chain again, offline, from the Sigstore TUF root shipped with Provenant (see
 * {@link TufRepository}); only a cache that holds, with unexpired metadata, is preferred over the shipped
 * trusted root. A cache that does not hold is ignored with one warning line, and the shipped root is used:
 * it is the floor.
 *
 * <p>{@link #forRepository} makes the cache of another TUF repository (a private Sigstore instance):
 * kept in {@code DIR/tuf/SHA256-OF-URL/}, anchored in a TUF root the caller supplies, and never consulted
 * by {@link #fresh()} or the public-good choice. A refresh of it also stores the verified target as
 * {@code trusted_root.json} in that folder, for {@code --trusted-root}.
 */
public final class TrustedRootCache {
    /** The Sigstore public-good TUF root of trust, as sigstore-java ships it (copied from its jar at build time). */
    static final String SHIPPED_TUF_ROOT = "/dev/sigstore/tuf/sigstore-tuf-root/root.json";
    static final String TARGET = "trusted_root.json";
    static final String TUF_DIRECTORY = "public-good-tuf";
    /** Where earlier releases kept an unauthenticated copy; it is never read as a root. */
    static final String LEGACY_FILE = "public-good-trusted_root.json";
    /** The folder under which the caches of other TUF repositories are kept, one per repository URL. */
    static final String REPOSITORIES_DIRECTORY = "tuf";

    /** Each distinct warning once per process, however many verifications consult the cache. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final Consumer<String> STDERR = line -> {
        System.err.println(line);
        System.err.flush();
    };

    private final Path directory;
    private final Clock clock;
    private final byte[] tufRoot;
    private final Consumer<String> warnings;
    /** Empty for the public-good cache. */
    private final Optional<URI> repository;
    private final Path tufDirectory;

    public TrustedRootCache(Path directory, Clock clock) {
        this(directory, clock, shippedTufRoot(), STDERR);
    }

    /** With another root of trust and warning sink, for tests that build their own TUF repository. */
    TrustedRootCache(Path directory, Clock clock, byte[] tufRoot, Consumer<String> warnings) {
        this(directory, clock, tufRoot, warnings, Optional.empty(), directory.resolve(TUF_DIRECTORY));
    }

    private TrustedRootCache(Path directory, Clock clock, byte[] tufRoot, Consumer<String> warnings, Optional<URI> repository,
            Path tufDirectory) {
        this.directory = directory;
        this.clock = clock;
        this.tufRoot = tufRoot.clone();
        this.warnings = warnings;
        this.repository = repository;
        this.tufDirectory = tufDirectory;
    }

    /**
     * The cache of the TUF repository at {@code repository} (an http or https URL), kept in
     * {@code directory/tuf/SHA256-OF-URL/} apart from the public-good cache, and verified from
     * {@code tufRoot}, the repository's initial trusted root.json as its operator publishes it.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL without query or fragment
     * @throws TufException when {@code tufRoot} is not a TUF root signed by a threshold of its own root keys
     */
    public static TrustedRootCache forRepository(Path directory, URI repository, byte[] tufRoot, Clock clock) throws TufException {
        URI base = repositoryBase(repository);
        TufRepository.checkRootOfTrust(tufRoot);
        return new TrustedRootCache(directory, clock, tufRoot, STDERR, Optional.of(base),
                directory.resolve(REPOSITORIES_DIRECTORY).resolve(sha256(base.toString())));
    }

    /** {@code url} as the base that repository files are resolved against (it ends in {@code /}). */
    static URI repositoryBase(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("TUF repository URL " + url + " is not an http or https URL");
        }
        if (url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("TUF repository URL " + url + " must name a host and carry no user, query or fragment");
        }
        String s = url.normalize().toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TUF repository this cache follows; empty for the public-good cache. */
    public Optional<URI> repository() {
        return repository;
    }

    /**
     * For the cache of another repository ({@link #forRepository}): where a refresh stores the verified
     * {@code trusted_root.json}, written atomically after every check holds.
     */
    public Optional<Path> trustedRootFile() {
        return repository.map(r -> tufDirectory.resolve(TARGET));
    }

    /**
     * The cache directory: {@code PROVENANT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/provenant}, else
     * {@code ~/.cache/provenant}.
     */
    public static TrustedRootCache standard(Map<String, String> env) {
        String explicit = env.get("PROVENANT_CACHE_DIR");
        Path dir;
        if (explicit != null && !explicit.isEmpty()) {
            dir = Path.of(explicit);
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isEmpty()) {
            dir = Path.of(env.get("XDG_CACHE_HOME"), "provenant");
        } else {
            dir = Path.of(System.getProperty("user.home"), ".cache", "provenant");
        }
        return new TrustedRootCache(dir, Clock.systemUTC());
    }

    public Path directory() {
        return directory;
    }

    /** Where the TUF metadata and the target are kept. */
    public Path tufDirectory() {
        return tufDirectory;
    }

    private TufRepository tufRepository() {
        return new TufRepository(tufRoot, TARGET);
    }

    /** What the cache holds, checked now; never warns. */
    public Status status() {
        Path tuf = tufDirectory();
        Path legacy = directory.resolve(LEGACY_FILE);
        if (!Files.exists(tuf, LinkOption.NOFOLLOW_LINKS)) {
            if (repository.isPresent()) {
                return new Status(State.ABSENT, "no cached trusted root from " + repository.get() + " in " + tuf, null, null);
            }
            if (Files.exists(legacy, LinkOption.NOFOLLOW_LINKS)) {
                return new Status(State.REJECTED, legacy + " has no TUF metadata vouching for it", null, null);
            }
            return new Status(State.ABSENT, "no cached trusted root in " + directory, null, null);
        }
        try {
            TufRepository.Verified verified = tufRepository().verifyCache(tuf, clock.instant());
            TrustedRoot root = TrustedRoot.parse(verified.target());
            if (repository.isPresent()) {
                Path copy = trustedRootFile().orElseThrow();
                Optional<byte[]> stored = TufRepository.readRegularFile(copy, TufRepository.MAX_TARGET_BYTES);
                if (stored.isEmpty() || !java.util.Arrays.equals(stored.get(), verified.target())) {
                    return new Status(State.REJECTED, copy + " is not the " + TARGET + " the TUF metadata vouches for", null, null);
                }
            }
            return new Status(State.VERIFIED, "TUF root v" + verified.rootVersion() + ", timestamp v" + verified.timestampVersion()
                    + ", valid until " + verified.expires(), verified, root);
        } catch (TufException | FormatException e) {
            return new Status(State.REJECTED, e.getMessage(), null, null);
        } catch (IOException e) {
            return new Status(State.REJECTED, "cannot read " + tuf + ": " + e.getMessage(), null, null);
        }
    }

    /**
     * The cached root, if the TUF chain vouches for it now. A cache that is present but does not hold
     * gives one warning line (per process) and empty.
     */
    public Optional<Cached> fresh() {
        if (repository.isPresent()) {
            return Optional.empty();
        }
        Status status = status();
        switch (status.state()) {
            case VERIFIED:
                return Optional.of(new Cached(status.root, status.verified.target(), status.verified));
            case REJECTED:
                warnOnce(printable("provenant: warning: ignoring the cached trusted root in " + directory + ": "
                        + status.detail() + "; using the shipped public-good root (`provenant trust refresh` renews the cache)"));
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * Runs a TUF update through {@code fetcher} and stores the verified metadata and target; the cache is
     * unchanged unless every check holds.
     */
    public Cached refresh(TufRepository.Fetcher fetcher) throws TufException, IOException {
        TufRepository.Verified verified = tufRepository().refresh(tufDirectory(), fetcher, clock.instant());
        TrustedRoot root;
        try {
            root = TrustedRoot.parse(verified.target());
        } catch (FormatException e) {
            throw new TufException("the TUF repository vouches for a " + TARGET + " Provenant cannot read: " + e.getMessage(), e);
        }
        if (repository.isPresent()) {
            AtomicFile.write(trustedRootFile().orElseThrow(), verified.target(), AtomicFile.PUBLIC);
        } else {
            Files.deleteIfExists(directory.resolve(LEGACY_FILE));
        }
        return new Cached(root, verified.target(), verified);
    }

    private void warnOnce(String line) {
        if (WARNED.add(line)) {
            warnings.accept(line);
        }
    }

    /** Control characters (from file names or metadata) are escaped so a warning is one plain line. */
    private static String printable(String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static byte[] shippedTufRoot() {
        try (InputStream in = TrustedRootCache.class.getResourceAsStream(SHIPPED_TUF_ROOT)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_TUF_ROOT + " is missing from the verifier jar");
            }
            return in.readNBytes(TufRepository.MAX_METADATA_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_TUF_ROOT, e);
        }
    }

    public enum State { ABSENT, VERIFIED, REJECTED }

    /**
     * @param detail a one-line description: what the chain vouches for, or why the cache was rejected
     */
    public record Status(State state, String detail, TufRepository.Verified verified, TrustedRoot root) {
        public Status {
            detail = printable(detail);
        }
    }

    /**
     * @param json the verified {@code trusted_root.json} bytes
     * @param tuf what the TUF chain vouched for
     */
    public record Cached(TrustedRoot root, byte[] json, TufRepository.Verified tuf) {
        public Cached {
            json = json.clone();
        }

        @Override
        public byte[] json() {
            return json.clone();
        }

        /** When the metadata vouching for this copy expires; after it the shipped root is used again. */
        public Instant expires() {
            return tuf.expires();
        }
    }
}
