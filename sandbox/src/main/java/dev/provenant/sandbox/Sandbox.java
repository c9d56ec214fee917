package dev.provenant.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A step's sandbox: bubblewrap with new user, PID, IPC, UTS, cgroup and (unless the profile says
 * {@code network: host}) network namespaces; the root file system bound read-only, a private
 * {@code /tmp}, the profile's hidden paths covered, and only the step's products and the profile's
 * writable paths bound writable; all capabilities dropped and no new privileges (bubblewrap always
 * sets {@code PR_SET_NO_NEW_PRIVS}); an environment of only the allowed names and the named secrets,
 * handed over in the process environment and never in argv; resource limits set by {@code prlimit}
 * inside the sandbox, before the step's command; and a wall-clock timeout its caller enforces.
 *
 * <p>{@link #locate} finds both tools and checks that the kernel grants the namespaces, so a sandbox
 * that cannot be made fails before the step, never runs it unsandboxed.
 */
public final class Sandbox {
    /** The namespaces every sandbox gets, besides the network's. */
    static final List<String> NAMESPACES = List.of("user", "pid", "ipc", "uts", "cgroup");

    private final SandboxProfile profile;
    private final Path bwrap;
    private final String bwrapVersion;
    private final Path prlimit;
    private final Map<String, String> callerEnv;
    private final Map<String, String> secrets;
    private final boolean root;

    private Sandbox(SandboxProfile profile, Path bwrap, String bwrapVersion, Path prlimit, Map<String, String> callerEnv,
            Map<String, String> secrets, boolean root) {
        this.profile = profile;
        this.bwrap = bwrap;
        this.bwrapVersion = bwrapVersion;
        this.prlimit = prlimit;
        this.callerEnv = Map.copyOf(callerEnv);
        this.secrets = Map.copyOf(secrets);
        this.root = root;
    }

    /**
     * Finds bubblewrap and prlimit on the caller's {@code PATH} and runs bubblewrap once with the
     * profile's namespaces, so that a kernel that refuses them is found out before the step runs.
     *
     * @param callerEnv the caller's environment: {@code PATH} is searched, the profile's {@code env} names copied
     * @param secrets variables the step gets though the profile does not pass them: values never reach argv
     * @throws SandboxUnavailableException with one line saying what is missing and what to install
     */
    public static Sandbox locate(SandboxProfile profile, Map<String, String> callerEnv, Map<String, String> secrets)
            throws SandboxUnavailableException, InterruptedException {
        String path = callerEnv.getOrDefault("PATH", "");
        Path bwrap = onPath("bwrap", path).orElseThrow(() -> new SandboxUnavailableException(
                "bubblewrap (bwrap) is not on PATH, and --sandbox never runs a step unsandboxed: install it"
                        + " (apt-get install bubblewrap) or run without --sandbox"));
        Path prlimit = onPath("prlimit", path).orElseThrow(() -> new SandboxUnavailableException(
                "prlimit is not on PATH, and the sandbox sets the step's limits with it: install util-linux"));
        List<String> probe = new ArrayList<>();
        probe.add(bwrap.toString());
        probe.addAll(namespaceArgs(profile));
        probe.addAll(List.of("--ro-bind", "/", "/", "--", prlimit.toString(), "--version"));
        Run version = exec(List.of(bwrap.toString(), "--version"));
        if (version.status != 0 || !version.output.startsWith("bubblewrap ")) {
            throw new SandboxUnavailableException(bwrap + " --version failed (" + firstLine(version.output)
                    + "): reinstall bubblewrap");
        }
        Run check = exec(probe);
        if (check.status != 0) {
            throw new SandboxUnavailableException("bubblewrap cannot create the sandbox's namespaces here ("
                    + firstLine(check.output) + "): allow unprivileged user namespaces (sysctl user.max_user_namespaces,"
                    + " kernel.unprivileged_userns_clone, or the container's seccomp profile) and try again");
        }
        return new Sandbox(profile, bwrap, version.output.strip().substring("bubblewrap ".length()), prlimit, callerEnv,
                secrets, isRoot());
    }

    public SandboxProfile profile() {
        return profile;
    }

    /**
     * The command line and environment of one sandboxed run of {@code command} in {@code workdir}. A
     * product that does not exist yet is made writable through its folder (created here), except in
     * {@code workdir} itself, which stays read-only: name such a product's folder instead.
     *
     * @throws IOException when a product's folder cannot be created, or a product lies in the workspace root and does not exist
     */
    public Launch prepare(List<String> command, Path workdir, List<Path> products) throws IOException {
        return prepare(command, workdir, List.of(), products);
    }

    /**
     * As {@link #prepare(List, Path, List)}, with the step's materials bound read-only, so that a step
     * sees what it consumes even where the profile hides the folder they are in.
     */
    public Launch prepare(List<String> command, Path workdir, List<Path> materials, List<Path> products) throws IOException {
        Path work = workdir.toAbsolutePath().normalize();
        TreeSet<Path> visible = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        for (Path m : materials) {
            Path material = work.resolve(m).toAbsolutePath().normalize();
            if (Files.exists(material)) {
                visible.add(material);
            }
        }
        TreeSet<Path> writable = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        for (String w : profile.writable()) {
            Path dir = work.resolve(w).normalize();
            Files.createDirectories(dir);
            writable.add(dir);
        }
        for (Path p : products) {
            Path product = work.resolve(p).toAbsolutePath().normalize();
            if (Files.exists(product)) {
                writable.add(product);
                continue;
            }
            Path parent = product.getParent();
            if (parent == null || parent.equals(work) || !parent.startsWith(work)) {
                throw new IOException("product " + p + " does not exist and its folder is the workspace itself, which the"
                        + " sandbox keeps read-only: create it first, or name its folder as the product");
            }
            Files.createDirectories(parent);
            writable.add(parent);
        }
        List<String> argv = new ArrayList<>();
        argv.add(bwrap.toString());
        argv.addAll(namespaceArgs(profile));
        argv.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        List<String> hidden = new ArrayList<>();
        for (String h : profile.hidden()) {
            // a path that does not exist hides nothing, and bubblewrap could not make its mount point in the read-only root
            if (Files.isDirectory(Path.of(h))) {
                hidden.add(h);
                argv.addAll(List.of("--tmpfs", h));
            }
        }
        if (profile.workspace() == SandboxProfile.Workspace.HIDDEN) {
            argv.addAll(List.of("--tmpfs", work.toString()));
        } else {
            argv.addAll(List.of("--ro-bind", work.toString(), work.toString()));
        }
        List<String> readOnly = new ArrayList<>();
        for (String r : profile.readOnly()) {
            String resolved = r.startsWith("~/") ? callerEnv.getOrDefault("HOME", "/nonexistent") + r.substring(1) : r;
            readOnly.add(resolved);
            argv.addAll(List.of("--ro-bind-try", resolved, resolved));
        }
        for (Path m : visible) {
            argv.addAll(List.of("--ro-bind", m.toString(), m.toString()));
        }
        for (Path w : writable) {
            argv.addAll(List.of("--bind", w.toString(), w.toString()));
        }
        argv.addAll(List.of("--chdir", work.toString(), "--"));
        SandboxProfile.Limits l = profile.limits();
        argv.addAll(List.of(prlimit.toString(), "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 5),
                "--as=" + (l.memoryMib() << 20), "--nproc=" + l.processes(), "--nofile=" + l.openFiles(),
                "--fsize=" + (l.fileSizeMib() << 20), "--"));
        argv.addAll(command);

        ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        TreeSet<String> passed = new TreeSet<>();
        for (String name : profile.env()) {
            String value = callerEnv.get(name);
            if (value != null) {
                env.put(name, value);
                passed.add(name);
            }
        }
        env.putAll(profile.setEnv());
        passed.addAll(profile.setEnv().keySet());
        env.putAll(secrets);
        return new Launch(builder, Duration.ofSeconds(l.timeoutSeconds()),
                evidence(writable, visible, hidden, readOnly, passed));
    }

    private ObjectNode evidence(TreeSet<Path> writable, TreeSet<Path> materials, List<String> hidden, List<String> readOnly,
            TreeSet<String> passed) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode e = f.objectNode();
        e.put(SandboxEvidence.RUNNER, SandboxEvidence.BUBBLEWRAP);
        e.put(SandboxEvidence.RUNNER_VERSION, bwrapVersion);
        ObjectNode p = e.putObject(SandboxEvidence.PROFILE);
        p.put("name", profile.name());
        p.put(SandboxEvidence.DIGEST, profile.digest().toString());
        e.set(SandboxEvidence.SETTINGS, profile.toJson());
        ObjectNode enforced = e.putObject(SandboxEvidence.ENFORCED);
        ArrayNode ns = enforced.putArray("namespaces");
        NAMESPACES.forEach(ns::add);
        if (profile.network() == SandboxProfile.Network.OFF) {
            ns.add("net");
        }
        enforced.put(SandboxEvidence.NETWORK, profile.network().word());
        enforced.put("root-file-system", "read-only");
        enforced.put("workspace", profile.workspace().word());
        enforced.put("private-tmp", true);
        enforced.put("no-new-privileges", true);
        enforced.put("capabilities", "none");
        ArrayNode w = enforced.putArray("writable");
        writable.forEach(x -> w.add(x.toString()));
        ArrayNode h = enforced.putArray("hidden");
        hidden.forEach(h::add);
        ArrayNode r = enforced.putArray("read-only");
        readOnly.forEach(r::add);
        materials.forEach(m -> r.add(m.toString()));
        ArrayNode env = enforced.putArray("environment");
        passed.forEach(env::add);
        ArrayNode sec = enforced.putArray("secrets");
        new TreeSet<>(secrets.keySet()).forEach(sec::add);
        ObjectNode limits = enforced.putObject("limits");
        profile.limits().asMap().forEach(limits::put);
        ObjectNode not = enforced.putObject("not-enforced");
        if (root) {
            not.put("processes", "the step ran as uid 0, which RLIMIT_NPROC does not bind; run provenant as an unprivileged"
                    + " user for a process limit");
        }
        not.put("cgroup", "no cgroup v2 limits: memory is bounded by address space (RLIMIT_AS), not resident memory");
        return e;
    }

    private static List<String> namespaceArgs(SandboxProfile profile) {
        List<String> args = new ArrayList<>(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup"));
        if (profile.network() == SandboxProfile.Network.OFF) {
            args.add("--unshare-net");
        }
        return args;
    }

    /**
     * One prepared run: the bubblewrap process to start, the wall-clock time after which its caller kills
     * it, and the isolation to record in the link's {@code environment}.
     */
    public record Launch(ProcessBuilder builder, Duration timeout, ObjectNode evidence) {
        /**
         * How the run ended, for the link's {@code byproducts}: {@code exited} with the status, or
         * {@code timed-out}; a status above 128 names the signal that ended the step, and the limit
         * whose signal that is (SIGXCPU: cpu-seconds, SIGXFSZ: file-size-mib).
         */
        public ObjectNode outcome(int status, boolean timedOut) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put(SandboxEvidence.OUTCOME, timedOut ? "timed-out" : "exited");
            o.put("exit-status", status);
            if (timedOut) {
                o.put("limit", "timeout-seconds");
            } else if (status > 128 && status <= 128 + 64) {
                int signal = status - 128;
                o.put("signal", signal);
                if (signal == 24) {
                    o.put("limit", "cpu-seconds");
                } else if (signal == 25) {
                    o.put("limit", "file-size-mib");
                }
            }
            return o;
        }
    }

    static Optional<Path> onPath(String tool, String path) {
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private record Run(int status, String output) {}

    /** A short helper run (version, namespace probe): its output bounded, its time bounded. */
    private static Run exec(List<String> argv) throws SandboxUnavailableException, InterruptedException {
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true);
            b.environment().clear();
            p = b.start();
        } catch (IOException e) {
            throw new SandboxUnavailableException(argv.get(0) + " cannot be started (" + e.getMessage() + "): reinstall it");
        }
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readNBytes(4096);
        } catch (IOException e) {
            out = new byte[0];
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SandboxUnavailableException(argv.get(0) + " did not finish within 10 s: check the machine");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no output");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: bubblewrap would not have started
        }
        return false;
    }
}
