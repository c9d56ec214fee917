package dev.provenant.sandbox;

import dev.provenant.attest.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a namespace probe found, remembered so that later sandboxed steps skip it: bubblewrap's version, for one
 * bubblewrap binary (its real path, device, inode, size, modification and change times), one set of namespaces,
 * one launching uid, one boot ({@code /proc/sys/kernel/random/boot_id}) and one setting of the kernel switches
 * for unprivileged user namespaces. A change to any of them is another entry, so the probe runs again. Only a
 * probe that succeeded is remembered; a sandboxed step that fails afterwards forgets it ({@link #forget}), so the
 * run after it probes again, and a refusal shows as a refusal.
 *
 * <p>The entries live in {@code $XDG_CACHE_HOME/provenant/sandbox-probe/} (by default {@code ~/.cache/...}), a
 * folder of the caller's own (mode 0700). An entry, or a folder, that another user owns, that others may write,
 * or that is a symbolic link, is not read (the probe runs). Nothing here decides whether a step runs sandboxed:
 * a step always runs under bubblewrap with the profile's namespaces, and a kernel that refuses them fails it.
 * {@code PROVENANT_SANDBOX_PROBE_CACHE=off} in the caller's environment probes every time.
 */
final class ProbeCache {
    static final String SWITCH = "PROVENANT_SANDBOX_PROBE_CACHE";
    private static final Pattern ENTRY = Pattern.compile("bubblewrap [0-9A-Za-z.+~_-]{1,64}\n");
    private static final List<String> KERNEL_SWITCHES = List.of("/proc/sys/user/max_user_namespaces",
            "/proc/sys/kernel/unprivileged_userns_clone", "/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path entry;
    private final int ownerUid;

    private ProbeCache(Path entry, int ownerUid) {
        this.entry = entry;
        this.ownerUid = ownerUid;
    }

    /** The entry for this probe; empty when there is no cache folder to use (or the caller turned it off), so the probe runs. */
    static Optional<ProbeCache> of(Map<String, String> callerEnv, Path bwrap, List<String> probe, int launchUid) {
        if ("off".equals(callerEnv.get(SWITCH))) {
            return Optional.empty();
        }
        int uid = Sandbox.currentUid();
        Optional<Path> base = base(callerEnv);
        if (uid < 0 || base.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path real = bwrap.toRealPath();
            Map<String, Object> a = Files.readAttributes(real, "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
            StringBuilder key = new StringBuilder("provenant sandbox probe v1\n");
            key.append(small(Path.of("/proc/sys/kernel/random/boot_id")).orElseThrow(() -> new IOException("no boot id"))).append('\n');
            for (String s : KERNEL_SWITCHES) {
                key.append(s).append('=').append(small(Path.of(s)).orElse("-")).append('\n');
            }
            key.append(real).append('\n').append(a.get("dev")).append(' ').append(a.get("ino")).append(' ').append(a.get("size"))
                    .append(' ').append(a.get("lastModifiedTime")).append(' ').append(a.get("ctime")).append('\n');
            key.append("uid ").append(launchUid).append('\n');
            probe.forEach(arg -> key.append(arg).append('\0'));
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new ProbeCache(base.get().resolve("provenant").resolve("sandbox-probe").resolve(name), uid));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** {@code XDG_CACHE_HOME} when it is an absolute path, else {@code HOME/.cache} when {@code HOME} is. */
    private static Optional<Path> base(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Optional.of(Path.of(xdg));
        }
        String home = env.get("HOME");
        return home != null && home.startsWith("/") ? Optional.of(Path.of(home, ".cache")) : Optional.empty();
    }

    /** A kernel file of a line: at most 64 bytes, stripped. */
    private static Optional<String> small(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The version the probe printed ({@code bubblewrap X.Y.Z}), when this entry exists and is the caller's own. */
    Optional<String> read() {
        try {
            if (!ours(entry.getParent(), true) || !ours(entry, false)) {
                return Optional.empty();
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS)) {
                content = in.readNBytes(128);
            }
            String text = new String(content, StandardCharsets.UTF_8);
            return ENTRY.matcher(text).matches() ? Optional.of(text.strip()) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Remembers a probe that succeeded; a cache that cannot be written is left alone (the next step probes again). */
    void write(String version) {
        String text = version.strip() + "\n";
        if (!ENTRY.matcher(text).matches()) {
            return;
        }
        try {
            Path folder = entry.getParent();
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            if (ours(folder, true)) {
                AtomicFile.write(entry, text.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // a cache is an optimisation: without it the probe runs each time
        }
    }

    /** Forgets this entry, after a sandboxed step failed: the next step probes again. */
    void forget() {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            // as above
        }
    }

    Path entry() {
        return entry;
    }

    /** A folder (or file) of the caller's own: not a link, owned by the caller's uid, not writable by group or others. */
    private boolean ours(Path p, boolean folder) throws IOException {
        if (!(folder ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            return false;
        }
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) a.get("uid")) == ownerUid && (((Integer) a.get("mode")) & 0022) == 0;
    }
}
