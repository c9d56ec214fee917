package dev.provenant.verifier.trust.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A TUF client for one target, following the TUF specification's client workflow (sections 5.3 to
 * 5.7): the root chain from a root of trust shipped with Provenant (each new root signed by a threshold
 * of the previous root's root keys and of its own, versions consecutive), then timestamp, snapshot and
 * targets, each signed by a threshold of distinct keys of its role, the versions and (when listed)
 * lengths and hashes each one states for the next, and the target's length and hashes.
 *
 * <p>Two uses: {@link #refresh} runs the workflow against a repository through a {@link Fetcher}, with
 * rollback checks against the metadata already cached, and stores the result; {@link #verifyCache}
 * runs the same checks on the cached files alone, without network, every time the cached target is
 * used. Offline, the cache's freshness comes only from the signed expiry dates: the cached target is
 * used only while the final root, timestamp, snapshot and targets are all unexpired. An expired
 * timestamp (Sigstore's expires a week after signing) means the cache is no longer trusted until the
 * next refresh.
 *
 * <p>The cache directory mirrors a consistent-snapshot repository: {@code N.root.json} for every root
 * after the shipped one, {@code V.snapshot.json}, {@code V.targets.json},
 * {@code targets/HASH.NAME} and {@code timestamp.json}. A refresh writes each file atomically and
 * {@code timestamp.json}, which names the rest, last, so a reader sees either the old set or the new.
 */
public final class TufRepository {
    /** As python-tuf's default: a longer root chain is refused rather than walked. */
    public static final int MAX_ROOT_ROTATIONS = 256;
    /** Sigstore's largest metadata file (root) is under 10 KB; far larger is not metadata. */
    public static final int MAX_METADATA_BYTES = 1 << 20;
    /** Cap on a target when its listed length is larger. */
    public static final int MAX_TARGET_BYTES = 16 << 20;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{16,128}");
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Fetches a repository's files; network code lives outside the verifier. */
    public interface Fetcher {
        /**
         * @param path relative to the repository root, e.g. {@code 11.root.json} or {@code targets/HASH.trusted_root.json}
         * @return empty when the repository has no such file (HTTP 404)
         * @throws TooLargeException when the file is longer than {@code maxBytes}
         * @throws IOException when the file cannot be fetched
         */
        Optional<byte[]> fetch(String path, int maxBytes) throws IOException;
    }

    /**
     * A fetched file is longer than the reader allowed. For the target, whose bound is the length the
     * signed targets metadata lists, that is a TUF failure, not a failed fetch.
     */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * What a verified chain vouches for.
     *
     * @param target the target file's bytes, checked against the targets metadata
     * @param expires the earliest expiry of root, timestamp, snapshot and targets: after it the cache is not used
     */
    public record Verified(byte[] target, int rootVersion, int timestampVersion, int snapshotVersion, int targetsVersion,
            Instant expires) {
        public Verified {
            target = target.clone();
        }

        @Override
        public byte[] target() {
            return target.clone();
        }
    }

    private final byte[] shippedRoot;
    private final String targetName;

    /**
     * @param shippedRoot the root of trust, trusted as shipped (it may itself have expired; only the
     *     final root of a chain must be unexpired)
     * @param targetName the one target this client reads, e.g. {@code trusted_root.json}
     */
    public TufRepository(byte[] shippedRoot, String targetName) {
        if (!TARGET_NAME.matcher(targetName).matches()) {
            throw new IllegalArgumentException("target name " + targetName + " is not a plain file name");
        }
        this.shippedRoot = shippedRoot.clone();
        this.targetName = targetName;
    }

    /**
     * Checks that {@code root} can anchor a repository: a TUF root signed by a threshold of its own root
     * keys. Expiry is not checked, as for a shipped root.
     *
     * @return its version
     */
    public static int checkRootOfTrust(byte[] root) throws TufException {
        RootMetadata parsed = RootMetadata.parse(root, "the initial root.json");
        parsed.verify(parsed.meta, "root");
        return parsed.version();
    }

    /** Verifies the cache in {@code dir} as of {@code now}, without network. */
    public Verified verifyCache(Path dir, Instant now) throws TufException, IOException {
        RootMetadata root = shipped();
        for (int i = 0; ; i++) {
            int next = root.version() + 1;
            Optional<byte[]> raw = readFile(dir, next + ".root.json", MAX_METADATA_BYTES);
            if (raw.isEmpty()) {
                break;
            }
            if (i == MAX_ROOT_ROTATIONS) {
                throw new TufException("the cached root chain is longer than " + MAX_ROOT_ROTATIONS + " versions");
            }
            root = rotate(root, raw.get(), next + ".root.json");
        }
        Chain chain = chain(root, now, path -> readFile(dir, path, MAX_METADATA_BYTES), true, null, null,
                (path, max) -> readFile(dir, path, max));
        return chain.verified();
    }

    /**
     * Runs the client workflow against {@code fetcher}, starting from the shipped root and the valid
     * part of the cached root chain, refusing rollbacks against the cached timestamp and snapshot, and
     * refusing expired metadata; stores the result in {@code dir}. Nothing is written unless every
     * check holds.
     */
    public Verified refresh(Path dir, Fetcher fetcher, Instant now) throws TufException, IOException {
        RootMetadata root = shipped();
        for (int i = 0; i < MAX_ROOT_ROTATIONS; i++) {
            Optional<byte[]> raw;
            try {
                raw = readFile(dir, (root.version() + 1) + ".root.json", MAX_METADATA_BYTES);
            } catch (TufException e) {
                break;
            }
            if (raw.isEmpty()) {
                break;
            }
            try {
                root = rotate(root, raw.get(), (root.version() + 1) + ".root.json");
            } catch (TufException e) {
                break; // a cached root that does not hold is fetched again
            }
        }
        List<RootMetadata> fetchedRoots = new ArrayList<>();
        for (int i = 0; ; i++) {
            String name = (root.version() + 1) + ".root.json";
            Optional<byte[]> raw = fetcher.fetch(name, MAX_METADATA_BYTES);
            if (raw.isEmpty()) {
                break;
            }
            if (i == MAX_ROOT_ROTATIONS) {
                throw new TufException("the repository's root chain grows by more than " + MAX_ROOT_ROTATIONS + " versions");
            }
            root = rotate(root, raw.get(), name);
            fetchedRoots.add(root);
        }
        // Rollback references: the cached timestamp and snapshot, if the final root's keys still sign them
        // (expired or not); rotated timestamp or snapshot keys make them void, as the specification says.
        SignedMetadata oldTimestamp = null;
        SignedMetadata oldSnapshot = null;
        try {
            Optional<byte[]> raw = readFile(dir, "timestamp.json", MAX_METADATA_BYTES);
            if (raw.isPresent()) {
                SignedMetadata ts = SignedMetadata.parse(raw.get(), "timestamp", "cached timestamp.json");
                root.verify(ts, "timestamp");
                oldTimestamp = ts;
                MetaFile snap = MetaFile.of(ts, "snapshot.json");
                Optional<byte[]> snapRaw = readFile(dir, snap.version() + ".snapshot.json", MAX_METADATA_BYTES);
                if (snapRaw.isPresent()) {
                    SignedMetadata s = SignedMetadata.parse(snapRaw.get(), "snapshot", "cached snapshot.json");
                    root.verify(s, "snapshot");
                    oldSnapshot = s;
                }
            }
        } catch (TufException e) {
            // a cache that does not verify gives no reference; the shipped root still anchors everything
        }
        final RootMetadata last = root;
        Chain chain = chain(root, now, path -> fetcher.fetch(path, MAX_METADATA_BYTES), last.consistentSnapshot,
                oldTimestamp, oldSnapshot, fetcher::fetch);
        store(dir, fetchedRoots, chain, oldTimestamp);
        return chain.verified();
    }

    private RootMetadata shipped() throws TufException {
        RootMetadata root = RootMetadata.parse(shippedRoot, "shipped root.json");
        root.verify(root.meta, "root");
        return root;
    }

    /** Section 5.3.4/5.3.5: a new root holds under the trusted root's and its own root keys, one version on. */
    private static RootMetadata rotate(RootMetadata trusted, byte[] raw, String name) throws TufException {
        RootMetadata next = RootMetadata.parse(raw, name);
        trusted.verify(next.meta, "root");
        next.verify(next.meta, "root");
        if (next.version() != trusted.version() + 1) {
            throw new TufException(name + " has version " + next.version() + ", not " + (trusted.version() + 1)
                    + " (rollback or skipped root)");
        }
        return next;
    }

    private interface Reader {
        Optional<byte[]> read(String path) throws IOException, TufException;
    }

    private interface BoundedReader {
        Optional<byte[]> read(String path, int max) throws IOException, TufException;
    }

    private record Chain(RootMetadata root, SignedMetadata timestamp, SignedMetadata snapshot, SignedMetadata targets,
            String targetPath, byte[] target) {
        Verified verified() {
            Instant expires = root.meta.expires;
            for (SignedMetadata m : List.of(timestamp, snapshot, targets)) {
                if (m.expires.isBefore(expires)) {
                    expires = m.expires;
                }
            }
            return new Verified(target, root.version(), timestamp.version, snapshot.version, targets.version, expires);
        }
    }

    private Chain chain(RootMetadata root, Instant now, Reader meta, boolean consistent, SignedMetadata oldTimestamp,
            SignedMetadata oldSnapshot, BoundedReader targets) throws TufException, IOException {
        notExpired(root.meta, now);

        SignedMetadata timestamp = SignedMetadata.parse(require(meta.read("timestamp.json"), "timestamp.json"),
                "timestamp", "timestamp.json");
        root.verify(timestamp, "timestamp");
        MetaFile snapshotMeta = MetaFile.of(timestamp, "snapshot.json");
        if (oldTimestamp != null) {
            if (timestamp.version < oldTimestamp.version) {
                throw new TufException("timestamp.json version " + timestamp.version + " is older than the cached version "
                        + oldTimestamp.version + " (rollback)");
            }
            int oldSnap = MetaFile.of(oldTimestamp, "snapshot.json").version();
            if (snapshotMeta.version() < oldSnap) {
                throw new TufException("timestamp.json names snapshot version " + snapshotMeta.version()
                        + ", older than the cached " + oldSnap + " (rollback)");
            }
        }
        notExpired(timestamp, now);

        String snapshotPath = consistent ? snapshotMeta.version() + ".snapshot.json" : "snapshot.json";
        byte[] snapshotRaw = require(meta.read(snapshotPath), snapshotPath);
        snapshotMeta.check(snapshotRaw, snapshotPath);
        SignedMetadata snapshot = SignedMetadata.parse(snapshotRaw, "snapshot", snapshotPath);
        root.verify(snapshot, "snapshot");
        if (snapshot.version != snapshotMeta.version()) {
            throw new TufException(snapshotPath + " has version " + snapshot.version + " but timestamp.json names "
                    + snapshotMeta.version());
        }
        if (oldSnapshot != null) {
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) oldSnapshot.signed.path("meta")::fields) {
                int before = SignedMetadata.positiveInt(entry.getValue().get("version"), "cached snapshot " + entry.getKey());
                JsonNode now2 = snapshot.signed.path("meta").get(entry.getKey());
                if (now2 == null) {
                    throw new TufException(snapshotPath + " no longer lists " + entry.getKey() + " (rollback)");
                }
                int after = SignedMetadata.positiveInt(now2.get("version"), snapshotPath + " " + entry.getKey() + " version");
                if (after < before) {
                    throw new TufException(snapshotPath + " names " + entry.getKey() + " version " + after
                            + ", older than the cached " + before + " (rollback)");
                }
            }
        }
        notExpired(snapshot, now);

        MetaFile targetsMeta = MetaFile.of(snapshot, "targets.json");
        String targetsPath = consistent ? targetsMeta.version() + ".targets.json" : "targets.json";
        byte[] targetsRaw = require(meta.read(targetsPath), targetsPath);
        targetsMeta.check(targetsRaw, targetsPath);
        SignedMetadata targetsFile = SignedMetadata.parse(targetsRaw, "targets", targetsPath);
        root.verify(targetsFile, "targets");
        if (targetsFile.version != targetsMeta.version()) {
            throw new TufException(targetsPath + " has version " + targetsFile.version + " but " + snapshotPath + " names "
                    + targetsMeta.version());
        }
        notExpired(targetsFile, now);

        JsonNode info = targetsFile.signed.path("targets").get(targetName);
        if (info == null || !info.isObject()) {
            throw new TufException(targetsPath + " does not list " + targetName);
        }
        MetaFile target = MetaFile.parse(info, targetsPath + " " + targetName, true);
        String hash = target.pathHash();
        String targetPath = consistent ? "targets/" + hash + "." + targetName : "targets/" + targetName;
        int max = (int) Math.min(target.length().orElseThrow(), MAX_TARGET_BYTES);
        if (target.length().orElseThrow() > MAX_TARGET_BYTES) {
            throw new TufException(targetName + " is listed as " + target.length().orElseThrow() + " bytes, over the "
                    + MAX_TARGET_BYTES + "-byte cap");
        }
        byte[] targetRaw;
        try {
            targetRaw = require(targets.read(targetPath, max), targetPath);
        } catch (TooLargeException e) {
            throw new TufException(targetPath + " is longer than the " + max + " bytes " + targetsPath + " lists for it", e);
        }
        target.check(targetRaw, targetPath);
        return new Chain(root, timestamp, snapshot, targetsFile, "targets/" + hash + "." + targetName, targetRaw);
    }

    private static void notExpired(SignedMetadata m, Instant now) throws TufException {
        if (m.expiredAt(now)) {
            throw new TufException(m.name + " v" + m.version + " expired at " + m.expires);
        }
    }

    private static byte[] require(Optional<byte[]> raw, String path) throws TufException {
        return raw.orElseThrow(() -> new TufException(path + " is missing"));
    }

    /** A file's version, length and hashes as the metadata above it lists them. */
    private record MetaFile(String what, int version, Optional<Long> length, Map<String, String> hashes) {
        static MetaFile of(SignedMetadata parent, String name) throws TufException {
            JsonNode node = parent.signed.path("meta").get(name);
            if (node == null || !node.isObject()) {
                throw new TufException(parent.name + " does not list " + name);
            }
            return parse(node, parent.name + " " + name, false);
        }

        static MetaFile parse(JsonNode node, String what, boolean target) throws TufException {
            int version = target ? 1 : SignedMetadata.positiveInt(node.get("version"), what + " version");
            Optional<Long> length = Optional.empty();
            if (node.has("length") || target) {
                JsonNode l = node.get("length");
                if (l == null || !l.isIntegralNumber() || !l.canConvertToLong() || l.longValue() < 0) {
                    throw new TufException(what + " length must be a non-negative integer");
                }
                length = Optional.of(l.longValue());
            }
            Map<String, String> hashes = new TreeMap<>();
            if (node.has("hashes") || target) {
                JsonNode h = node.get("hashes");
                if (h == null || !h.isObject() || h.isEmpty()) {
                    throw new TufException(what + " lists no hashes");
                }
                for (var entry : (Iterable<Map.Entry<String, JsonNode>>) h::fields) {
                    String hex = entry.getValue().asText("");
                    if (!entry.getValue().isTextual() || !HEX.matcher(hex).matches()) {
                        throw new TufException(what + " " + entry.getKey() + " hash is not lowercase hex");
                    }
                    if (jca(entry.getKey()).isEmpty()) {
                        throw new TufException(what + " lists a hash Provenant cannot check: " + entry.getKey());
                    }
                    hashes.put(entry.getKey(), hex);
                }
            }
            return new MetaFile(what, version, length, Map.copyOf(new TreeMap<>(hashes)));
        }

        /** The hash that names a target in a consistent-snapshot repository (SHA-256 when listed). */
        String pathHash() {
            return hashes.containsKey("sha256") ? hashes.get("sha256") : new TreeMap<>(hashes).firstEntry().getValue();
        }

        void check(byte[] raw, String path) throws TufException {
            if (length.isPresent() && raw.length != length.get()) {
                throw new TufException(path + " is " + raw.length + " bytes; " + what + " says " + length.get());
            }
            for (var entry : hashes.entrySet()) {
                byte[] actual;
                try {
                    actual = MessageDigest.getInstance(jca(entry.getKey()).orElseThrow()).digest(raw);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                if (!MessageDigest.isEqual(actual, HexFormat.of().parseHex(entry.getValue()))) {
                    throw new TufException(path + " does not match its " + entry.getKey() + " hash in " + what);
                }
            }
        }

        private static Optional<String> jca(String name) {
            return switch (name) {
                case "sha256" -> Optional.of("SHA-256");
                case "sha384" -> Optional.of("SHA-384");
                case "sha512" -> Optional.of("SHA-512");
                default -> Optional.empty();
            };
        }
    }

    /** Reads {@code file} if it is a regular file (links are not followed), refusing one over {@code max} bytes. */
    public static Optional<byte[]> readRegularFile(Path file, int max) throws IOException, TufException {
        return readFile(file.getParent(), file.getFileName().toString(), max);
    }

    /** Reads {@code dir/path} if it is a regular file (links are not followed), refusing one over {@code max} bytes. */
    static Optional<byte[]> readFile(Path dir, String path, int max) throws IOException, TufException {
        Path file = dir.resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TufException("cached " + path + " is larger than " + max + " bytes");
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void store(Path dir, List<RootMetadata> roots, Chain chain, SignedMetadata oldTimestamp) throws IOException {
        Files.createDirectories(dir.resolve("targets"));
        for (RootMetadata root : roots) {
            AtomicFile.write(dir.resolve(root.version() + ".root.json"), root.meta.raw, AtomicFile.PUBLIC);
        }
        AtomicFile.write(dir.resolve(chain.targetPath()), chain.target(), AtomicFile.PUBLIC);
        AtomicFile.write(dir.resolve(chain.targets().version + ".targets.json"), chain.targets().raw, AtomicFile.PUBLIC);
        AtomicFile.write(dir.resolve(chain.snapshot().version + ".snapshot.json"), chain.snapshot().raw, AtomicFile.PUBLIC);
        AtomicFile.write(dir.resolve("timestamp.json"), chain.timestamp().raw, AtomicFile.PUBLIC);
        prune(dir, chain, oldTimestamp);
        // Root files past the final root are no part of the verified chain; left in place, every later
        // offline check would stop on them.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.root.json")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                String number = n.substring(0, n.length() - ".root.json".length());
                if (!number.matches("[0-9]{1,9}") || Integer.parseInt(number) > chain.root().version()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Removes snapshot, targets and target files that neither the new nor the previous timestamp leads
     * to (a reader that started on the previous set can still finish).
     */
    private void prune(Path dir, Chain chain, SignedMetadata oldTimestamp) throws IOException {
        Set<String> keep = new HashSet<>();
        keep.add(chain.snapshot().version + ".snapshot.json");
        keep.add(chain.targets().version + ".targets.json");
        keep.add(chain.targetPath().substring("targets/".length()));
        if (oldTimestamp != null) {
            try {
                int snap = MetaFile.of(oldTimestamp, "snapshot.json").version();
                keep.add(snap + ".snapshot.json");
                Optional<byte[]> raw = readFile(dir, snap + ".snapshot.json", MAX_METADATA_BYTES);
                if (raw.isPresent()) {
                    SignedMetadata s = SignedMetadata.parse(raw.get(), "snapshot", "snapshot");
                    int targets = MetaFile.of(s, "targets.json").version();
                    keep.add(targets + ".targets.json");
                    Optional<byte[]> t = readFile(dir, targets + ".targets.json", MAX_METADATA_BYTES);
                    if (t.isPresent()) {
                        JsonNode info = SignedMetadata.parse(t.get(), "targets", "targets").signed.path("targets").get(targetName);
                        if (info != null) {
                            keep.add(MetaFile.parse(info, "target", true).pathHash() + "." + targetName);
                        }
                    }
                }
            } catch (TufException e) {
                // nothing more to keep
            }
        }
        delete(dir, "*.{snapshot,targets}.json", keep);
        delete(dir.resolve("targets"), "*." + targetName, keep);
    }

    private static void delete(Path dir, String glob, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                if (!keep.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
