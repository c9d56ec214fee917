package dev.provenant.attest.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the source revision of a git checkout straight from its {@code .git} folder (HEAD, loose and
 * packed refs, the origin remote), so provenance needs no git binary. Worktrees and submodules, whose
 * {@code .git} is a file pointing elsewhere, are followed.
 */
public final class GitCheckout {
    private GitCheckout() {}

    /** The checkout containing {@code dir}, or empty when there is none or it cannot be read. */
    public static Optional<SourceRevision> read(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return read(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String pointer = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (!pointer.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = d.resolve(pointer.substring("gitdir:".length()).trim()).normalize();
                    Path commonFile = gitDir.resolve("commondir");
                    Path common = Files.isRegularFile(commonFile)
                            ? gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize() : gitDir;
                    return read(gitDir, common);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<SourceRevision> read(Path gitDir, Path commonDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        String ref = "";
        String commit;
        if (head.startsWith("ref:")) {
            ref = head.substring(4).trim();
            Optional<String> resolved = resolve(gitDir, commonDir, ref);
            if (resolved.isEmpty()) {
                return Optional.empty(); // a fresh repository with no commit yet
            }
            commit = resolved.get();
        } else {
            commit = head;
        }
        String remote = originUrl(commonDir).orElse(commonDir.getParent().toUri().toString());
        return Optional.of(new SourceRevision(remote, ref, commit));
    }

    private static Optional<String> resolve(Path gitDir, Path commonDir, String ref) throws IOException {
        for (Path base : List.of(gitDir, commonDir)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && !line.startsWith("#") && !line.startsWith("^")) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> originUrl(Path commonDir) throws IOException {
        Path config = commonDir.resolve("config");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        boolean inOrigin = false;
        for (String raw : Files.readAllLines(config, StandardCharsets.UTF_8)) {
            String line = raw.trim();
            if (line.startsWith("[")) {
                inOrigin = line.replace(" ", "").equals("[remote\"origin\"]");
            } else if (inOrigin && line.startsWith("url")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    return Optional.of(line.substring(eq + 1).trim());
                }
            }
        }
        return Optional.empty();
    }
}
