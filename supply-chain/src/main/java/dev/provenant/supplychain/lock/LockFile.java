package dev.provenant.supplychain.lock;

import static dev.provenant.supplychain.json.Members.onlyMembers;
import static dev.provenant.supplychain.json.Members.stringSet;
import static dev.provenant.supplychain.json.Members.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.supplychain.Coordinates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock file: every artifact the build's supply chain uses, with its SHA-256 and, where its bundle verified,
 * its signer. It is JSON with one artifact a line, sorted by coordinates, so that a change to the supply chain is
 * a change of a few lines in code review:
 *
 * <pre>
 * {
 *   "lockVersion": 1,
 *   "artifacts": [
 *     {"artifact":"com.google.code.findbugs:jsr305:jar:3.0.2","sha256":"766a…","roles":["compile"],"usedBy":["org.example:app"]},
 *     {"artifact":"dev.sigstore:sigstore-java:jar:1.3.0","sha256":"…","roles":["compile"],"usedBy":["org.example:app"],
 *      "signer":{"identity":"https://github.com/sigstore/…@refs/tags/v1.3.0","issuer":"https://token.actions.githubusercontent.com"}}
 *   ]
 * }
 * </pre>
 *
 * (each entry on one line in the file). One file may serve a whole reactor or a single module: each entry names
 * the modules that use it, so a module's build checks and rewrites only what it uses. Reading is strict: an
 * unknown member, an entry listed twice, a malformed digest or coordinates refuse the whole file.
 */
public final class LockFile {
    public static final int VERSION = 1;
    private static final Set<String> TOP_MEMBERS = Set.of("lockVersion", "comment", "artifacts");
    private static final Set<String> ENTRY_MEMBERS = Set.of("artifact", "sha256", "roles", "usedBy", "signer");
    private static final Set<String> SIGNER_MEMBERS = Set.of("identity", "issuer");
    static final String COMMENT = "written by `mvn provenant:lock`; review every change; verify-dependencies checks the build against it";

    private final SortedMap<String, LockEntry> entries;

    public LockFile(Collection<LockEntry> entries) {
        TreeMap<String, LockEntry> map = new TreeMap<>();
        for (LockEntry e : entries) {
            if (map.put(e.artifact(), e) != null) {
                throw new IllegalArgumentException(e.artifact() + " is listed twice");
            }
        }
        this.entries = java.util.Collections.unmodifiableSortedMap(map);
    }

    public static LockFile empty() {
        return new LockFile(List.of());
    }

    /** The entries, sorted by coordinates. */
    public SortedMap<String, LockEntry> entries() {
        return entries;
    }

    public Optional<LockEntry> entry(String artifact) {
        return Optional.ofNullable(entries.get(artifact));
    }

    /** Reads a lock file of at most {@link InputLimit#LOCK_FILE}'s cap. */
    public static LockFile read(Path file) throws IOException, FormatException {
        return parse(BoundedFile.read(file, InputLimit.LOCK_FILE), file.toString());
    }

    /** Parses a lock file; {@code source} names it in messages. */
    public static LockFile parse(byte[] bytes, String source) throws FormatException {
        JsonNode root = JsonCodec.readTreeUniqueNames(bytes, "lock file " + source);
        if (!root.isObject()) {
            throw new FormatException("lock file " + source + " is not a JSON object");
        }
        onlyMembers(root, TOP_MEMBERS, "lock file " + source);
        JsonNode version = root.get("lockVersion");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new FormatException("lock file " + source + ": lockVersion is " + version + ", this Provenant reads " + VERSION);
        }
        JsonNode artifacts = root.get("artifacts");
        if (artifacts == null || !artifacts.isArray()) {
            throw new FormatException("lock file " + source + ": artifacts is not an array");
        }
        TreeMap<String, LockEntry> read = new TreeMap<>();
        for (int i = 0; i < artifacts.size(); i++) {
            String where = "lock file " + source + ": artifacts[" + i + "]";
            LockEntry entry = entry(artifacts.get(i), where);
            if (read.put(entry.artifact(), entry) != null) {
                throw new FormatException(where + ": " + entry.artifact() + " is listed twice");
            }
        }
        return new LockFile(read.values());
    }

    private static LockEntry entry(JsonNode node, String where) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(where + " is not an object");
        }
        onlyMembers(node, ENTRY_MEMBERS, where);
        Coordinates coordinates = coordinates(text(node, "artifact", where), where);
        Optional<LockedSigner> signer = Optional.empty();
        JsonNode s = node.get("signer");
        if (s != null) {
            if (!s.isObject()) {
                throw new FormatException(where + ": signer is not an object");
            }
            onlyMembers(s, SIGNER_MEMBERS, where + ".signer");
            JsonNode issuer = s.get("issuer");
            if (issuer != null && !issuer.isTextual()) {
                throw new FormatException(where + ".signer: issuer is not a string");
            }
            try {
                signer = Optional.of(new LockedSigner(text(s, "identity", where + ".signer"),
                        Optional.ofNullable(issuer).map(JsonNode::textValue)));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ".signer: " + e.getMessage());
            }
        }
        try {
            return new LockEntry(coordinates, text(node, "sha256", where), stringSet(node, "roles", where), stringSet(node, "usedBy", where),
                    signer);
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + " (" + coordinates + "): " + e.getMessage());
        }
    }

    /** {@code GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION}, as {@link Coordinates#toString()} writes them. */
    static Coordinates coordinates(String text, String where) throws FormatException {
        String[] p = text.split(":", -1);
        if (p.length < 4 || p.length > 5) {
            throw new FormatException(where + ": artifact '" + text + "' is not GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION");
        }
        for (String part : p) {
            if (part.isEmpty() || !part.strip().equals(part)) {
                throw new FormatException(where + ": artifact '" + text + "' has an empty or padded part");
            }
        }
        Coordinates c = p.length == 4 ? new Coordinates(p[0], p[1], p[3], "", p[2]) : new Coordinates(p[0], p[1], p[4], p[3], p[2]);
        if (!c.toString().equals(text)) {
            throw new FormatException(where + ": artifact '" + text + "' is not in canonical form");
        }
        return c;
    }

    /** The file's bytes: members in a fixed order, one entry a line, entries sorted; the same lock gives the same bytes. */
    public byte[] toBytes() {
        StringBuilder out = new StringBuilder("{\n  \"lockVersion\": ").append(VERSION).append(",\n  \"comment\": ")
                .append(JsonCodec.writeString(COMMENT)).append(",\n  \"artifacts\": [");
        String separator = "\n    ";
        for (LockEntry e : entries.values()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("artifact", e.artifact());
            o.put("sha256", e.sha256());
            e.roles().forEach(o.putArray("roles")::add);
            e.usedBy().forEach(o.putArray("usedBy")::add);
            e.signer().ifPresent(s -> {
                ObjectNode signer = o.putObject("signer");
                signer.put("identity", s.identity());
                s.issuer().ifPresent(i -> signer.put("issuer", i));
            });
            out.append(separator).append(JsonCodec.writeString(o));
            separator = ",\n    ";
        }
        out.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the file whole (temporary file, fsync, rename): a reader sees the old lock or the new one. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFile.write(file, toBytes(), AtomicFile.PUBLIC);
    }

    /**
     * This lock with {@code module}'s part replaced by what it uses now: the module is taken off every entry, an entry
     * nobody uses any more is dropped, then each used artifact is entered with its current digest and signer (its roles
     * and users merged with other modules'). Modules not in {@code modules} (no longer in the reactor) are taken off too.
     */
    public LockFile update(String module, Collection<UsedArtifact> used, Set<String> modules) {
        Map<String, LockEntry> next = new TreeMap<>();
        for (LockEntry e : entries.values()) {
            SortedSet<String> users = new TreeSet<>(e.usedBy());
            users.remove(module);
            users.retainAll(modules);
            if (!users.isEmpty()) {
                // the roles other modules gave it are kept; this module's are added back below if it still uses it
                next.put(e.artifact(), new LockEntry(e.coordinates(), e.sha256(), e.roles(), users, e.signer()));
            }
        }
        for (UsedArtifact u : used) {
            LockEntry old = next.get(u.artifact());
            SortedSet<String> roles = new TreeSet<>(u.roles());
            SortedSet<String> users = new TreeSet<>(Set.of(module));
            if (old != null) {
                roles.addAll(old.roles());
                users.addAll(old.usedBy());
            }
            next.put(u.artifact(), new LockEntry(u.coordinates(), u.sha256(), roles, users, u.signer()));
        }
        return new LockFile(next.values());
    }

    /** The entries listing {@code module} among their users. */
    public List<LockEntry> usedBy(String module) {
        List<LockEntry> list = new ArrayList<>();
        for (LockEntry e : entries.values()) {
            if (e.usedBy().contains(module)) {
                list.add(e);
            }
        }
        return list;
    }
}
