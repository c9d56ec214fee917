package dev.provenant.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cgroup v2 folder a sandbox can put its step in: the caller's own cgroup on the cgroup2 mount,
 * when it offers the memory and pids controllers (and cpu, when the profile sets cpu.max) to its
 * children and the caller may make them. A machine that mounts those controllers as cgroup v1, or a
 * cgroup not delegated to the caller, has none; {@link #detect} then says why in one phrase.
 */
final class CgroupV2 {
    private final Path dir;

    private CgroupV2(Path dir) {
        this.dir = dir;
    }

    /** Either a usable cgroup or the reason there is none. */
    record Detected(Optional<CgroupV2> cgroup, String reason) {}

    /** The caller's cgroup, found from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}. */
    static Detected detect(List<String> controllers) {
        Optional<Path> mount = Optional.empty();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                    mount = Optional.of(Path.of(halves[0].split(" ")[4]));
                    break;
                }
            }
            if (mount.isEmpty()) {
                return new Detected(Optional.empty(), "no cgroup2 file system is mounted");
            }
            String own = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                if (line.startsWith("0::")) {
                    own = line.substring(3);
                }
            }
            if (own == null) {
                return new Detected(Optional.empty(), "the caller is in no cgroup v2 group");
            }
            return detect(mount.get(), own, controllers);
        } catch (IOException e) {
            return new Detected(Optional.empty(), "the cgroup files cannot be read (" + e.getMessage() + ")");
        }
    }

    /** As {@link #detect(List)}, for a cgroup2 mount at {@code mount} and the caller's group {@code own} in it. */
    static Detected detect(Path mount, String own, List<String> controllers) throws IOException {
        Path dir = mount.resolve(own.startsWith("/") ? own.substring(1) : own).normalize();
        Path available = dir.resolve("cgroup.controllers");
        if (!Files.isReadable(available)) {
            return new Detected(Optional.empty(), dir + " has no cgroup.controllers");
        }
        List<String> offered = List.of(Files.readString(available).trim().split("\\s+"));
        List<String> missing = controllers.stream().filter(c -> !offered.contains(c)).toList();
        if (!missing.isEmpty()) {
            return new Detected(Optional.empty(), "cgroup v2 at " + dir + " does not offer " + String.join(", ", missing)
                    + " (mounted as cgroup v1 here, or not delegated)");
        }
        if (!Files.isWritable(dir)) {
            return new Detected(Optional.empty(), "cgroup v2 group " + dir + " is not delegated to this user (not writable)");
        }
        Path subtree = dir.resolve("cgroup.subtree_control");
        List<String> enabled = List.of(Files.readString(subtree).trim().split("\\s+"));
        List<String> toEnable = controllers.stream().filter(c -> !enabled.contains(c)).toList();
        if (!toEnable.isEmpty()) {
            try {
                Files.writeString(subtree, String.join(" ", toEnable.stream().map(c -> "+" + c).toList()));
            } catch (IOException e) {
                return new Detected(Optional.empty(), "cgroup v2 group " + dir + " cannot pass " + String.join(", ", toEnable)
                        + " to a child (it holds processes itself: run provenant in a delegated group of its own)");
            }
        }
        return new Detected(Optional.of(new CgroupV2(dir)), "");
    }

    /** A fresh child group with {@code limits} (file name to value) written: the step is moved into it as it starts. */
    Path child(Map<String, String> limits) throws IOException {
        Path child = Files.createDirectory(dir.resolve("provenant-step-" + UUID.randomUUID()));
        for (var e : limits.entrySet()) {
            Files.writeString(child.resolve(e.getKey()), e.getValue(), StandardCharsets.US_ASCII);
        }
        return child;
    }

    /** The limits a profile's settings become, in the files that hold them. */
    static Map<String, String> limits(SandboxProfile profile) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("memory.max", Long.toString(profile.limits().memoryMib() << 20));
        m.put("pids.max", Long.toString(profile.limits().processes()));
        profile.cgroup().cpuPercent().ifPresent(p -> m.put("cpu.max", (p * 1000) + " 100000"));
        return m;
    }

    static List<String> controllers(SandboxProfile profile) {
        List<String> c = new ArrayList<>(List.of("memory", "pids"));
        if (profile.cgroup().cpuPercent().isPresent()) {
            c.add("cpu");
        }
        return c;
    }

    /** Removes a child group once its processes are gone; a group still busy is left for the kernel to report. */
    static void remove(Path child) {
        try {
            Files.deleteIfExists(child);
        } catch (IOException e) {
            // rmdir of a cgroup with processes fails: they died with the sandbox, so this is rare and harmless
        }
    }
}
