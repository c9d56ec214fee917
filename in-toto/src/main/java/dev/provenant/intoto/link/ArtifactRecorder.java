package dev.provenant.intoto.link;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Records materials or products the way in-toto-run does ({@code record_artifacts_as_dict}), so a link
 * made here and one made there for the same files carry the same keys and digests:
 * <ul>
 *   <li>each path is normalised lexically ({@link PosixPaths#normpath}) and kept relative to the base
 *       directory as given; the exclude patterns apply to it and to everything found below it;
 *   <li>a file (or a symlink to one) is recorded under its own name, with the target's content;
 *   <li>a directory is walked recursively, following symlinked directories as in-toto-run and
 *       in-toto-record do, and recording files as {@code dir/sub/name};
 *   <li>paths that do not exist, broken symlinks and special files (FIFOs, sockets) are skipped.
 * </ul>
 * One deliberate difference: a symlink that leads back into a directory being walked is not entered
 * again, where the reference implementation would recurse until the operating system refuses.
 */
public final class ArtifactRecorder {
    private final Path base;
    private final ExcludePatterns excludes;
    private final ArtifactDigester digester;

    /** @param base the directory relative paths are resolved against (in-toto's base path, else the working directory) */
    public ArtifactRecorder(Path base, ExcludePatterns excludes, ArtifactDigester digester) {
        this.base = base;
        this.excludes = excludes;
        this.digester = digester;
    }

    /** Path to {@code {"sha256": hex}}, sorted by path. */
    /** The directory relative paths are resolved against. */
    public Path base() {
        return base;
    }

    public SortedMap<String, Map<String, String>> record(Collection<String> paths) throws IOException {
        SortedMap<String, Map<String, String>> out = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (String p : paths) {
            String name = PosixPaths.normpath(p);
            if (!excludes.excludes(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            Path file = base.resolve(name);
            if (Files.isRegularFile(file)) {
                out.put(name.replace('\\', '/'), digest(file));
            } else if (Files.isDirectory(file)) {
                walk(name, file, new HashSet<>(Set.of(file.toRealPath())), out);
            }
        }
        return out;
    }

    private void walk(String name, Path dir, Set<Path> ancestors, Map<String, Map<String, String>> out) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.sorted().toList());
        }
        List<Path> subdirs = new ArrayList<>();
        List<String> subdirNames = new ArrayList<>();
        for (Path entry : entries) {
            String entryName = PosixPaths.child(name, entry.getFileName().toString());
            if (excludes.excludes(entryName)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                subdirs.add(entry);
                subdirNames.add(entryName);
            } else if (Files.isRegularFile(entry)) {
                out.put(entryName.replace('\\', '/'), digest(entry));
            }
        }
        for (int i = 0; i < subdirs.size(); i++) {
            Path real = subdirs.get(i).toRealPath();
            if (ancestors.add(real)) {
                walk(subdirNames.get(i), subdirs.get(i), ancestors, out);
                ancestors.remove(real);
            }
        }
    }

    private Map<String, String> digest(Path file) throws IOException {
        return Map.of(DigestAlgorithm.SHA256.intotoName(), digester.digest(file, DigestAlgorithm.SHA256).hex());
    }
}
