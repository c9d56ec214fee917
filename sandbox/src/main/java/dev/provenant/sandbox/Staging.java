package dev.provenant.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sandboxed step's writable state, kept out of the workspace until the step has succeeded: each
 * writable path (a product, a profile's writable folder) is copied into a fresh temporary folder,
 * and the copy, not the workspace's path, is bound writable into the sandbox. {@link #keep} copies
 * the copies back over the workspace's paths; {@link #discard} throws them away and removes the
 * folders made as mount points, so a failed or killed step leaves the workspace as it was.
 * (bubblewrap's {@code --overlay} would spare the copy, but needs bubblewrap 0.9.)
 */
final class Staging {
    /** One writable path and its stand-in. */
    record Stage(Path target, Path copy) {}

    private final Path root;
    private final List<Stage> stages = new ArrayList<>();
    private final List<Path> created = new ArrayList<>();
    private final int ownerUid;
    private final boolean chown;
    private boolean finished;

    /**
     * @param ownerUid the uid the step writes as: the copies are given to it when the caller is
     *     another (root running the step as nobody)
     */
    Staging(int ownerUid, boolean chown) throws IOException {
        this.root = Files.createTempDirectory("provenant-step-");
        this.ownerUid = ownerUid;
        this.chown = chown;
        if (chown) {
            Files.setAttribute(root, "unix:uid", ownerUid);
            Files.setAttribute(root, "unix:gid", ownerUid);
        }
    }

    Path root() {
        return root;
    }

    List<Stage> stages() {
        return Collections.unmodifiableList(stages);
    }

    /** Creates {@code dir}'s missing folders in the workspace, to be removed again on {@link #discard}. */
    void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(p);
        }
        Files.createDirectories(dir);
        created.addAll(missing); // deepest first
    }

    /** Stages an existing file or folder of the workspace: the step sees its content, writes to a copy. */
    Stage stage(Path target) throws IOException {
        Path copy = root.resolve(Integer.toString(stages.size()));
        copyTree(target, copy);
        if (chown) {
            try (Stream<Path> all = Files.walk(copy)) {
                for (Path p : all.toList()) {
                    Files.setAttribute(p, "unix:uid", ownerUid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", ownerUid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        Stage s = new Stage(target, copy);
        stages.add(s);
        return s;
    }

    /** The step succeeded: its writes replace the workspace's paths; the temporary folder goes. */
    void keep() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        for (Stage s : stages) {
            if (Files.isDirectory(s.copy(), LinkOption.NOFOLLOW_LINKS)) {
                deleteContents(s.target());
                try (Stream<Path> entries = Files.list(s.copy())) {
                    for (Path e : entries.toList()) {
                        copyTree(e, s.target().resolve(e.getFileName().toString()));
                    }
                }
            } else {
                Files.copy(s.copy(), s.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
            if (chown) {
                owned(s.target(), Files.getAttribute(s.target().getParent(), "unix:uid"),
                        Files.getAttribute(s.target().getParent(), "unix:gid"));
            }
        }
        deleteTree(root);
    }

    /** The step failed, or was killed: nothing it wrote reaches the workspace. */
    void discard() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            deleteTree(root);
        } catch (IOException e) {
            // a killed sandbox's processes die with its PID namespace, but not in the same instant: once more
            try {
                Thread.sleep(200);
            } catch (InterruptedException i) {
                Thread.currentThread().interrupt();
            }
            deleteTree(root);
        }
        for (Path dir : created) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            }
            Files.delete(dir);
        }
    }

    private static void owned(Path top, Object uid, Object gid) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path d = to.resolve(from.relativize(dir).toString());
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(dir, d, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path e : entries.toList()) {
                deleteTree(e);
            }
        }
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
