package dev.provenant.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded back end: a folder on one machine.
 *
 * <pre>
 * bundles/HEX.json            a bundle's bytes, named by their SHA-256
 * bundles/HEX.index.json      what it is indexed by (subjects, predicate type, signer)
 * subjects/ALG-HEX/HEX        an empty marker per subject digest and bundle
 * log/INDEX.json              one decision leaf (base64), its subjects and the checkpoint it ends
 * .lock                       locked (fcntl) by each appender
 * </pre>
 *
 * Every file is written atomically (temporary file, fsync, link into place, never replacing), so an
 * append is all there or not at all. Appends are serialised by a lock on {@code .lock}, between
 * processes and between threads of one process.
 */
public final class FolderStore implements EvidenceStore {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LEAF_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern SUBJECT = Pattern.compile("[a-z0-9_]{1,16}:[0-9a-f]{1,128}");
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /**
     * Leaf hashes this process has read or written, per folder and leaf index, so an append reads only the
     * leaves other processes added since (an append would otherwise read every leaf file). A file whose size
     * or modification time changed is read again. Only appends use it; {@link DecisionLog#verify} always
     * hashes every file afresh.
     */
    private static final Map<Path, Map<Long, Hashed>> HASHES = new ConcurrentHashMap<>();

    private record Hashed(byte[] hash, long size, java.nio.file.attribute.FileTime modified) {}

    private static Hashed stat(Path file, byte[] hash) throws IOException {
        var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        return new Hashed(hash, attributes.size(), attributes.lastModifiedTime());
    }

    private final Path root;

    private FolderStore(Path root) {
        this.root = root;
    }

    /** Opens (creating when missing) the store in this folder. */
    public static FolderStore open(Path folder) throws StoreException {
        try {
            Files.createDirectories(folder.resolve("bundles"));
            Files.createDirectories(folder.resolve("subjects"));
            Files.createDirectories(folder.resolve("log"));
            return new FolderStore(folder.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new StoreException("cannot open the evidence store folder " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public StoredBundle put(byte[] bundle) throws StoreException, FormatException {
        StoredBundle facts = StoredBundle.of(bundle);
        String hex = facts.digest().hex();
        try {
            ObjectNode index = JsonCodec.mapper().createObjectNode();
            facts.subjects().forEach(index.putArray("subjects")::add);
            facts.predicateType().ifPresent(t -> index.put("predicateType", t));
            index.put("signer", facts.signer());
            // the index first: a bundle file is only ever there with its index
            writeOnce(root.resolve("bundles").resolve(hex + ".index.json"), JsonCodec.mapper().writeValueAsBytes(index));
            writeOnce(root.resolve("bundles").resolve(hex + ".json"), bundle);
            for (String subject : facts.subjects()) {
                Path dir = subjectDir(subject);
                Files.createDirectories(dir);
                writeOnce(dir.resolve(hex), new byte[0]);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store the bundle in " + root + ": " + e.getMessage(), e);
        }
        return facts;
    }

    private static void writeOnce(Path file, byte[] content) throws IOException {
        try {
            AtomicFile.write(file, content, AtomicFile.PUBLIC, false);
        } catch (FileAlreadyExistsException e) {
            // content-addressed: already stored
        }
    }

    private Path subjectDir(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("a subject digest is ALGORITHM:HEX, not '" + subject + "'");
        }
        return root.resolve("subjects").resolve(subject.replace(':', '-'));
    }

    @Override
    public List<StoredBundle> find(String subject, Optional<String> predicateType, Optional<String> signer) throws StoreException {
        Path dir = subjectDir(subject);
        List<StoredBundle> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> markers = Files.list(dir)) {
            List<Path> sorted = new ArrayList<>(markers.filter(p -> HEX.matcher(p.getFileName().toString()).matches()).toList());
            sorted.sort((a, b) -> compareByTime(a, b));
            for (Path marker : sorted) {
                StoredBundle b = indexed(marker.getFileName().toString());
                if (b != null && predicateType.map(t -> b.predicateType().equals(Optional.of(t))).orElse(true)
                        && signer.map(s -> s.equals(b.signer())).orElse(true)) {
                    found.add(b);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the evidence store folder " + root + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static int compareByTime(Path a, Path b) {
        try {
            int c = Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            return c != 0 ? c : a.getFileName().compareTo(b.getFileName());
        } catch (IOException e) {
            return a.getFileName().compareTo(b.getFileName());
        }
    }

    private StoredBundle indexed(String hex) throws IOException {
        Path file = root.resolve("bundles").resolve(hex + ".index.json");
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode node = JsonCodec.mapper().readTree(dev.provenant.attest.io.BoundedFile.read(file,
                dev.provenant.attest.io.InputLimit.BUNDLE));
        List<String> subjects = new ArrayList<>();
        node.path("subjects").forEach(s -> subjects.add(s.asText()));
        JsonNode type = node.get("predicateType");
        return new StoredBundle(dev.provenant.attest.digest.Digest.parse("sha256:" + hex), subjects,
                type == null ? Optional.empty() : Optional.of(type.asText()), node.path("signer").asText());
    }

    @Override
    public Optional<byte[]> bundle(String digest) throws StoreException {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : "";
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a bundle is named by sha256:HEX, not '" + digest + "'");
        }
        Path file = root.resolve("bundles").resolve(hex + ".json");
        try {
            return Optional.of(dev.provenant.attest.io.BoundedFile.read(file, dev.provenant.attest.io.InputLimit.BUNDLE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T appendLocked(Append<T> work) throws StoreException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(root, r -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            return work.run(new LogTail() {
                @Override
                public List<byte[]> leafHashes() throws StoreException {
                    Map<Long, Hashed> cache = HASHES.computeIfAbsent(root, r -> new ConcurrentHashMap<>());
                    List<byte[]> hashes = new ArrayList<>();
                    try {
                        for (Path file : leafFiles()) {
                            long index = indexOf(file);
                            Hashed known = cache.get(index);
                            Hashed now = stat(file, null);
                            if (known == null || known.size() != now.size() || !known.modified().equals(now.modified())) {
                                known = stat(file, dev.provenant.tlog.MerkleHashes.leafHash(leafOf(read(file))));
                                cache.put(index, known);
                            }
                            hashes.add(known.hash());
                        }
                    } catch (IOException e) {
                        throw new StoreException("cannot read the decision log in " + root + ": " + e.getMessage(), e);
                    }
                    return hashes;
                }

                @Override
                public Optional<String> lastCheckpoint() throws StoreException {
                    List<Path> files = leafFiles();
                    if (files.isEmpty()) {
                        return Optional.empty();
                    }
                    JsonNode last = read(files.get(files.size() - 1));
                    return last.hasNonNull("checkpoint") ? Optional.of(last.get("checkpoint").asText()) : Optional.empty();
                }

                @Override
                public void write(long index, byte[] leaf, byte[] leafHash, List<String> subjects, long treeSize, String checkpoint)
                        throws StoreException {
                    ObjectNode entry = JsonCodec.mapper().createObjectNode();
                    entry.put("index", index);
                    entry.put("leaf", Base64.getEncoder().encodeToString(leaf));
                    subjects.forEach(entry.putArray("subjects")::add);
                    entry.put("treeSize", treeSize);
                    entry.put("checkpoint", checkpoint);
                    try {
                        AtomicFile.write(leafFile(index), JsonCodec.mapper().writeValueAsBytes(entry), AtomicFile.PUBLIC, false);
                        HASHES.computeIfAbsent(root, r -> new ConcurrentHashMap<>()).put(index, stat(leafFile(index), leafHash.clone()));
                    } catch (IOException e) {
                        throw new StoreException("cannot append to the decision log in " + root + ": " + e.getMessage(), e);
                    }
                }
            });
        } catch (IOException e) {
            throw new StoreException("cannot lock the decision log in " + root + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private Path leafFile(long index) {
        return root.resolve("log").resolve(String.format("%020d.json", index));
    }

    private interface EntryVisitor {
        void entry(long index, JsonNode entry) throws StoreException;
    }

    /** The leaf files, in index order. */
    private List<Path> leafFiles() throws StoreException {
        try (Stream<Path> list = Files.list(root.resolve("log"))) {
            return new ArrayList<>(list.filter(p -> LEAF_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList());
        } catch (IOException e) {
            throw new StoreException("cannot read the decision log in " + root + ": " + e.getMessage(), e);
        }
    }

    private static long indexOf(Path leafFile) {
        return Long.parseLong(leafFile.getFileName().toString().substring(0, 20));
    }

    /** A leaf file's entry; an unreadable or oversized one reads as an empty entry, which verifies as nothing. */
    private static JsonNode read(Path file) {
        JsonNode entry;
        try {
            byte[] bytes = Files.size(file) > 2L * DecisionLog.MAX_LEAF ? null : Files.readAllBytes(file);
            entry = bytes == null ? null : JsonCodec.mapper().readTree(bytes);
        } catch (IOException e) {
            entry = null;
        }
        return entry == null || !entry.isObject() ? JsonCodec.mapper().createObjectNode() : entry;
    }

    private static byte[] leafOf(JsonNode entry) {
        try {
            return Base64.getDecoder().decode(entry.path("leaf").asText(""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private void forEachEntry(EntryVisitor visitor) throws StoreException {
        for (Path file : leafFiles()) {
            visitor.entry(indexOf(file), read(file));
        }
    }

    @Override
    public void forEachLeaf(LeafVisitor visitor) throws StoreException {
        forEachEntry((index, entry) -> visitor.leaf(index, leafOf(entry)));
    }

    @Override
    public List<StoredCheckpoint> checkpoints() throws StoreException {
        List<StoredCheckpoint> out = new ArrayList<>();
        forEachEntry((index, entry) -> {
            if (entry.hasNonNull("checkpoint")) {
                out.add(new StoredCheckpoint(out.size(), entry.path("treeSize").asLong(-1), entry.get("checkpoint").asText()));
            }
        });
        return out;
    }

    @Override
    public List<Long> decisionsFor(String subject) throws StoreException {
        subjectDir(subject);
        List<Long> out = new ArrayList<>();
        forEachEntry((index, entry) -> {
            for (JsonNode s : entry.path("subjects")) {
                if (s.asText().equals(subject)) {
                    out.add(index);
                    break;
                }
            }
        });
        return out;
    }

    @Override
    public Optional<byte[]> leaf(long index) throws StoreException {
        Path file = leafFile(index);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode entry = JsonCodec.mapper().readTree(dev.provenant.attest.io.BoundedFile.read(file,
                    dev.provenant.attest.io.InputLimit.BUNDLE));
            return Optional.of(Base64.getDecoder().decode(entry.path("leaf").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("cannot read leaf " + index + " of the decision log in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {}
}
