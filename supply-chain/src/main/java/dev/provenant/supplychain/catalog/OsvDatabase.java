package dev.provenant.supplychain.catalog;

import dev.provenant.supplychain.json.Members;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Known vulnerabilities of Maven packages, read from OSV records the user supplies: a folder of OSV JSON files, or a
 * zip of them as OSV publishes for the Maven ecosystem. Of each record only what concerns the Maven ecosystem is
 * kept: {@code affected[]} entries whose {@code package.ecosystem} is {@code Maven} and whose {@code package.name} is
 * {@code GROUP:ARTIFACT}, with their {@code versions[]} and their {@code ECOSYSTEM} (and {@code SEMVER}) ranges, whose
 * {@code introduced}, {@code fixed}, {@code last_affected} and {@code limit} events are compared as Maven compares
 * versions. {@code GIT} ranges name commits and are left out; a {@code withdrawn} record is left out.
 *
 * <p>Bounded: each record within {@link InputLimit#OSV_RECORD}; a zip of at most {@link #MAX_RECORDS} entries and
 * {@link #MAX_INFLATED_BYTES} inflated bytes, counted as they are inflated (sizes in the zip's headers are not
 * trusted), so a zip bomb stops at the cap. A record that is not well-formed OSV refuses the whole input.
 */
public final class OsvDatabase {
    /** The most files (or zip entries) read: OSV's Maven export holds some 6,000 records. */
    public static final int MAX_RECORDS = 100_000;
    /** The most bytes inflated from a zip altogether: OSV's Maven export inflates to about 40 MiB. */
    public static final long MAX_INFLATED_BYTES = 512L << 20;

    private final Map<String, List<Affected>> byPackage;
    private final int records;

    private OsvDatabase(Map<String, List<Affected>> byPackage, int records) {
        this.byPackage = byPackage;
        this.records = records;
    }

    /** No known vulnerabilities. */
    public static OsvDatabase empty() {
        return new OsvDatabase(Map.of(), 0);
    }

    /** How many records were read (withdrawn and non-Maven ones included). */
    public int records() {
        return records;
    }

    /** One affected range set of a record for one package. */
    private record Affected(String id, List<String> aliases, String summary, Set<String> versions, List<List<Event>> ranges,
            List<String> fixed, String source) {}

    private record Event(String kind, String version) {}

    /**
     * Reads a folder of {@code *.json} OSV records (not descending into subfolders) or a {@code .zip} of them.
     *
     * @param packages when not null, only records about these {@code GROUP:ARTIFACT} are kept (the rest are still read
     *     and checked for form), which keeps a large database small in memory
     */
    public static OsvDatabase read(Path source, Set<String> packages) throws IOException, FormatException {
        return read(source, packages, MAX_RECORDS, MAX_INFLATED_BYTES);
    }

    /** {@link #read(Path, Set)} with other caps, for tests. */
    static OsvDatabase read(Path source, Set<String> packages, int maxRecords, long maxInflatedBytes)
            throws IOException, FormatException {
        Map<String, List<Affected>> map = new TreeMap<>();
        int count = 0;
        if (Files.isDirectory(source)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(source, "*.json")) {
                for (Path p : dir) {
                    if (files.size() >= maxRecords) {
                        throw new InputTooLargeException(source.toString(), "folder of OSV records", maxRecords + " records");
                    }
                    files.add(p);
                }
            }
            files.sort(Comparator.naturalOrder());
            for (Path p : files) {
                add(map, BoundedFile.read(p, InputLimit.OSV_RECORD), p.toString(), packages);
                count++;
            }
        } else {
            long inflated = 0;
            try (InputStream raw = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(raw)) {
                ZipEntry e;
                int entries = 0;
                while ((e = zip.getNextEntry()) != null) {
                    if (++entries > maxRecords) {
                        throw new InputTooLargeException(source.toString(), "zip of OSV records", maxRecords + " entries");
                    }
                    if (e.isDirectory() || !e.getName().endsWith(".json")) {
                        continue;
                    }
                    String name = source + "!" + e.getName();
                    byte[] bytes = BoundedFile.read(zip, InputLimit.OSV_RECORD, name);
                    inflated += bytes.length;
                    if (inflated > maxInflatedBytes) {
                        throw new InputTooLargeException(source.toString(), "zip of OSV records",
                                InputLimit.describe(maxInflatedBytes) + " inflated");
                    }
                    add(map, bytes, name, packages);
                    count++;
                }
            } catch (java.util.zip.ZipException e) {
                throw new FormatException("OSV zip " + source + " is not a readable zip: " + e.getMessage());
            }
            if (count == 0 && !looksLikeZip(source)) {
                throw new FormatException("OSV source " + source + " is neither a folder nor a zip of OSV records");
            }
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return new OsvDatabase(map, count);
    }

    /** One OSV record, as a file of a folder or an entry of a zip is read ({@code source} names it in messages). */
    public static OsvDatabase parse(byte[] record, String source) throws FormatException {
        Map<String, List<Affected>> map = new TreeMap<>();
        add(map, record, source, null);
        map.replaceAll((k, v) -> List.copyOf(v));
        return new OsvDatabase(map, 1);
    }

    private static boolean looksLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K';
        }
    }

    private static void add(Map<String, List<Affected>> map, byte[] bytes, String source, Set<String> packages) throws FormatException {
        String what = "OSV record " + source;
        JsonNode root = JsonCodec.readTreeUniqueNames(bytes, what);
        if (!root.isObject()) {
            throw new FormatException(what + " is not a JSON object");
        }
        String id = Members.text(root, "id", what);
        if (id.isBlank()) {
            throw new FormatException(what + ": id is empty");
        }
        if (root.has("withdrawn")) {
            Members.text(root, "withdrawn", what);
            return;
        }
        List<String> aliases = strings(root, "aliases", what);
        String summary = Members.optionalText(root, "summary", what).orElse("");
        JsonNode affected = root.get("affected");
        if (affected == null) {
            return; // a record may name no package (OSV allows it); it affects nothing here
        }
        if (!affected.isArray()) {
            throw new FormatException(what + ": affected is not an array");
        }
        for (int i = 0; i < affected.size(); i++) {
            String where = what + ": affected[" + i + "]";
            JsonNode a = affected.get(i);
            if (!a.isObject()) {
                throw new FormatException(where + " is not an object");
            }
            JsonNode pkg = a.get("package");
            if (pkg == null || !pkg.isObject()) {
                continue; // OSV allows an affected entry without a package; it names nothing to match
            }
            String ecosystem = Members.text(pkg, "ecosystem", where + ".package");
            if (!ecosystem.equals("Maven") && !ecosystem.startsWith("Maven:")) {
                continue;
            }
            String name = Members.text(pkg, "name", where + ".package");
            String[] ga = name.split(":", -1);
            if (ga.length != 2 || ga[0].isEmpty() || ga[1].isEmpty()) {
                throw new FormatException(where + ".package: Maven package name '" + name + "' is not GROUP:ARTIFACT");
            }
            List<String> versions = strings(a, "versions", where);
            List<List<Event>> ranges = new ArrayList<>();
            List<String> fixed = new ArrayList<>();
            JsonNode rs = a.get("ranges");
            if (rs != null) {
                if (!rs.isArray()) {
                    throw new FormatException(where + ": ranges is not an array");
                }
                for (int r = 0; r < rs.size(); r++) {
                    String rw = where + ".ranges[" + r + "]";
                    JsonNode range = rs.get(r);
                    if (!range.isObject()) {
                        throw new FormatException(rw + " is not an object");
                    }
                    String type = Members.text(range, "type", rw);
                    JsonNode events = range.get("events");
                    if (events == null || !events.isArray() || events.isEmpty()) {
                        throw new FormatException(rw + ": events is missing, not an array or empty");
                    }
                    List<Event> list = new ArrayList<>();
                    for (int k = 0; k < events.size(); k++) {
                        JsonNode ev = events.get(k);
                        if (!ev.isObject() || ev.size() != 1) {
                            throw new FormatException(rw + ".events[" + k + "] is not an object of one event");
                        }
                        String kind = ev.fieldNames().next();
                        if (!Set.of("introduced", "fixed", "last_affected", "limit").contains(kind)) {
                            throw new FormatException(rw + ".events[" + k + "]: unknown event '" + kind + "'");
                        }
                        String v = Members.text(ev, kind, rw + ".events[" + k + "]");
                        if (v.isEmpty()) {
                            throw new FormatException(rw + ".events[" + k + "]: " + kind + " is empty");
                        }
                        list.add(new Event(kind, v));
                    }
                    switch (type) {
                        case "ECOSYSTEM", "SEMVER" -> {
                            ranges.add(List.copyOf(list));
                            list.stream().filter(ev -> ev.kind().equals("fixed")).forEach(ev -> fixed.add(ev.version()));
                        }
                        case "GIT" -> { }
                        default -> throw new FormatException(rw + ": unknown range type '" + type + "'");
                    }
                }
            }
            if (packages != null && !packages.contains(name)) {
                continue;
            }
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(new Affected(id, aliases, summary, Set.copyOf(versions),
                    List.copyOf(ranges), List.copyOf(fixed), source));
        }
    }

    /** The records that say {@code GROUP:ARTIFACT} at {@code version} is affected, one per record id. */
    public List<OsvVulnerability> vulnerabilities(String groupId, String artifactId, String version) {
        Map<String, OsvVulnerability> found = new TreeMap<>();
        for (Affected a : byPackage.getOrDefault(groupId + ":" + artifactId, List.of())) {
            if (!found.containsKey(a.id()) && affects(a, version)) {
                found.put(a.id(), new OsvVulnerability(a.id(), a.aliases(), a.summary(), a.fixed(), a.source()));
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean affects(Affected a, String version) {
        if (a.versions().contains(version)) {
            return true;
        }
        for (List<Event> range : a.ranges()) {
            if (inRange(range, version)) {
                return true;
            }
        }
        return false;
    }

    /**
     * OSV's evaluation of one range: events sorted by version ({@code introduced: 0} lowest), then walked; an
     * introduced at or below the version opens it, a fixed or limit at or below it, or a last_affected below it,
     * closes it.
     */
    static boolean inRange(List<Event> events, String version) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort((x, y) -> {
            boolean x0 = x.kind().equals("introduced") && x.version().equals("0");
            boolean y0 = y.kind().equals("introduced") && y.version().equals("0");
            if (x0 || y0) {
                return x0 == y0 ? 0 : x0 ? -1 : 1;
            }
            return VersionSpec.compare(x.version(), y.version());
        });
        boolean affected = false;
        for (Event e : sorted) {
            boolean zero = e.version().equals("0");
            int c = zero ? 1 : VersionSpec.compare(version, e.version());
            switch (e.kind()) {
                case "introduced" -> {
                    if (c >= 0) {
                        affected = true;
                    }
                }
                case "fixed", "limit" -> {
                    if (c >= 0) {
                        affected = false;
                    }
                }
                case "last_affected" -> {
                    if (c > 0) {
                        affected = false;
                    }
                }
                default -> throw new IllegalStateException(e.kind());
            }
        }
        return affected;
    }

    private static List<String> strings(JsonNode node, String name, String where) throws FormatException {
        JsonNode v = node.get(name);
        List<String> list = new ArrayList<>();
        if (v == null || v.isNull()) {
            return list;
        }
        if (!v.isArray()) {
            throw new FormatException(where + ": " + name + " is not an array");
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new FormatException(where + ": " + name + " holds a non-string");
            }
            list.add(s.textValue());
        }
        return list;
    }
}
