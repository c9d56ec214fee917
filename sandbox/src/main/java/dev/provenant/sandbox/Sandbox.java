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
 * A step's sandbox: bubblewrap with new PID, IPC, UTS, cgroup and (unless the profile says
 * {@code network: host}) network namespaces, and a user namespace when the caller is not root; a
 * caller that is root instead has the step run as uid 65534 (setpriv), since RLIMIT_NPROC binds neither
 * uid 0 nor uid 0 mapped to another uid inside a user namespace. The root file system is bound
 * read-only, with a private {@code /tmp}, the profile's hidden paths covered, and the step's products
 * and the profile's writable paths bound writable through copies in a fresh temporary folder, written
 * back only when the step succeeds ({@link Launch#finish}). With {@code network: off} a seccomp filter
 * refuses IPv4 and IPv6 sockets, so not even the namespace's own loopback is reachable; with
 * {@code loopback} it is. All capabilities are dropped and no new privileges (bubblewrap always sets
 * {@code PR_SET_NO_NEW_PRIVS}); the environment holds only the allowed names and the named secrets,
 * handed over in the process environment and never in argv; resource limits are set by {@code prlimit}
 * inside the sandbox, and by a cgroup v2 group where the machine delegates one; the wall-clock timeout
 * is its caller's to enforce.
 *
 * <p>{@link #locate} finds the tools, checks that the kernel grants the namespaces and that a profile
 * requiring cgroup limits can have them, so a sandbox that cannot be made fails before the step, never
 * runs it unsandboxed.
 */
public final class Sandbox {
    /** The namespaces every sandbox gets, besides the network's and (when the caller is not root) the user's. */
    static final List<String> NAMESPACES = List.of("pid", "ipc", "uts", "cgroup");
    /** The uid a step runs as when the caller is root: RLIMIT_NPROC does not bind uid 0, nor uid 0 mapped. */
    static final int NOBODY = 65534;

    private final SandboxProfile profile;
    private final Path bwrap;
    private final String bwrapVersion;
    private final Path prlimit;
    private final Optional<Path> setpriv;
    private final Map<String, String> callerEnv;
    private final Map<String, String> secrets;
    private final int launchUid;
    private final CgroupV2.Detected cgroup;
    private final Optional<ProbeCache> probeCache;
    private final boolean probed;

    private Sandbox(SandboxProfile profile, Path bwrap, String bwrapVersion, Path prlimit, Optional<Path> setpriv,
            Map<String, String> callerEnv, Map<String, String> secrets, int launchUid, CgroupV2.Detected cgroup,
            Optional<ProbeCache> probeCache, boolean probed) {
        this.profile = profile;
        this.bwrap = bwrap;
        this.bwrapVersion = bwrapVersion;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
        this.callerEnv = Map.copyOf(callerEnv);
        this.secrets = Map.copyOf(secrets);
        this.launchUid = launchUid;
        this.cgroup = cgroup;
        this.probeCache = probeCache;
        this.probed = probed;
    }

    /** Whether {@link #locate} ran the namespace probe, or found that it had held before ({@link ProbeCache}). */
    boolean probed() {
        return probed;
    }

    /**
     * Finds bubblewrap and prlimit (and, for a caller that is root, setpriv) on the caller's {@code PATH},
     * runs bubblewrap once with the profile's namespaces, so that a kernel that refuses them is found out
     * before the step runs, and looks for a delegated cgroup v2 group. A probe that held before for the same
     * binary, namespaces, uid and boot is not run again ({@link ProbeCache}).
     *
     * @param callerEnv the caller's environment: {@code PATH} is searched, the profile's {@code env} names copied
     * @param secrets variables the step gets though the profile does not pass them: values never reach argv
     * @throws SandboxUnavailableException with one line saying what is missing and what to install
     */
    public static Sandbox locate(SandboxProfile profile, Map<String, String> callerEnv, Map<String, String> secrets)
            throws SandboxUnavailableException, InterruptedException {
        return locate(profile, callerEnv, secrets, currentUid());
    }

    /** As {@link #locate(SandboxProfile, Map, Map)}, for a launch that will run as {@code launchUid} (tests run one as nobody). */
    static Sandbox locate(SandboxProfile profile, Map<String, String> callerEnv, Map<String, String> secrets, int launchUid)
            throws SandboxUnavailableException, InterruptedException {
        String path = callerEnv.getOrDefault("PATH", "");
        Path bwrap = onPath("bwrap", path).orElseThrow(() -> new SandboxUnavailableException(
                "bubblewrap (bwrap) is not on PATH, and --sandbox never runs a step unsandboxed: install it"
                        + " (apt-get install bubblewrap) or run without --sandbox"));
        Path prlimit = onPath("prlimit", path).orElseThrow(() -> new SandboxUnavailableException(
                "prlimit is not on PATH, and the sandbox sets the step's limits with it: install util-linux"));
        boolean root = launchUid == 0;
        Optional<Path> setpriv = onPath("setpriv", path);
        if (root && setpriv.isEmpty()) {
            throw new SandboxUnavailableException("setpriv is not on PATH, and a sandbox started by root runs its step as uid "
                    + NOBODY + " with it (so that the process limit binds): install util-linux");
        }
        if ((root || profile.network() == SandboxProfile.Network.OFF) && !SeccompFilter.supported()) {
            throw new SandboxUnavailableException((root ? "a sandbox started by root" : "network off") + " needs a seccomp"
                    + " filter that provenant has for x86-64 and aarch64 only, not " + System.getProperty("os.arch")
                    + (root ? ": run provenant as an unprivileged user" : ": use network loopback"));
        }
        CgroupV2.Detected cgroup = CgroupV2.detect(CgroupV2.controllers(profile));
        if (profile.cgroup().required() && cgroup.cgroup().isEmpty()) {
            throw new SandboxUnavailableException("the profile requires cgroup v2 limits, and " + cgroup.reason()
                    + ": run in a delegated cgroup v2 group (systemd-run --user --scope -p Delegate=yes) or set cgroup.required false");
        }
        List<String> probe = new ArrayList<>();
        probe.add(bwrap.toString());
        probe.addAll(namespaceArgs(profile, root));
        // one launch for both checks: bubblewrap, inside the sandbox's namespaces, says its version (each process
        // the JVM starts is a large share of a sandboxed step's start-up)
        probe.addAll(List.of("--ro-bind", "/", "/", "--", bwrap.toString(), "--version"));
        // a probe that held before, in this boot, for this very binary, namespaces and uid, is not run again
        Optional<ProbeCache> cache = ProbeCache.of(callerEnv, bwrap, probe, launchUid);
        Optional<String> cached = cache.flatMap(ProbeCache::read);
        if (cached.isPresent()) {
            return new Sandbox(profile, bwrap, cached.get().substring("bubblewrap ".length()), prlimit, setpriv,
                    callerEnv, secrets, launchUid, cgroup, cache, false);
        }
        Run version = finish(start(probe), bwrap.toString());
        if (version.status != 0 && version.output.startsWith("bwrap:")) {
            throw new SandboxUnavailableException("bubblewrap cannot create the sandbox's namespaces here ("
                    + firstLine(version.output) + "): allow unprivileged user namespaces (sysctl user.max_user_namespaces,"
                    + " kernel.unprivileged_userns_clone, or the container's seccomp profile) and try again");
        }
        if (version.status != 0 || !version.output.startsWith("bubblewrap ")) {
            throw new SandboxUnavailableException(bwrap + " --version failed (" + firstLine(version.output)
                    + "): reinstall bubblewrap");
        }
        cache.ifPresent(c -> c.write(version.output));
        return new Sandbox(profile, bwrap, version.output.strip().substring("bubblewrap ".length()), prlimit, setpriv,
                callerEnv, secrets, launchUid, cgroup, cache, true);
    }

    public SandboxProfile profile() {
        return profile;
    }

    /**
     * The command line and environment of one sandboxed run of {@code command} in {@code workdir}. A
     * product that does not exist yet is made writable through its folder (created here, and removed
     * again when the step fails), except in {@code workdir} itself, which stays read-only: name such a
     * product's folder instead. What the step writes goes to copies in a temporary folder, which
     * {@link Launch#finish} keeps (over the workspace) or throws away.
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
        boolean root = launchUid == 0;
        int stepUid = root ? NOBODY : launchUid;
        Staging staging = new Staging(stepUid, currentUid() != stepUid);
        try {
            return prepare(command, work, visible, products, staging, root);
        } catch (IOException | RuntimeException e) {
            staging.discard();
            throw e;
        }
    }

    private Launch prepare(List<String> command, Path work, TreeSet<Path> visible, List<Path> products, Staging staging,
            boolean root) throws IOException {
        TreeSet<Path> writable = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        for (String w : profile.writable()) {
            Path dir = work.resolve(w).normalize();
            staging.createDirectories(dir);
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
            staging.createDirectories(parent);
            writable.add(parent);
        }
        // a path inside another writable one is written through that one's copy
        List<Path> outermost = new ArrayList<>();
        for (Path w : writable) {
            if (outermost.stream().noneMatch(w::startsWith)) {
                outermost.add(w);
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(bwrap.toString());
        argv.addAll(namespaceArgs(profile, root));
        argv.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        if (root) {
            // setpriv's, to give up uid 0 and every capability but CAP_DAC_READ_SEARCH, with which uid 65534 reads
            // the workspace as root could (a 0700 checkout); it does not exempt the step from RLIMIT_NPROC
            argv.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP",
                    "--cap-add", "CAP_DAC_READ_SEARCH"));
        }
        argv.addAll(List.of("--hostname", "sandbox", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--perms", "1777", "--tmpfs", "/tmp"));
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
        for (Path w : outermost) {
            Staging.Stage stage = staging.stage(w);
            argv.addAll(List.of("--bind", stage.copy().toString(), w.toString()));
        }
        Optional<Path> filter = Optional.empty();
        if (profile.network() == SandboxProfile.Network.OFF || root) {
            Path f = staging.root().resolve("seccomp.bpf");
            Files.write(f, SeccompFilter.program(profile.network() == SandboxProfile.Network.OFF, root));
            filter = Optional.of(f);
            argv.addAll(List.of("--seccomp", "3"));
        }
        argv.addAll(List.of("--chdir", work.toString(), "--"));
        if (root) {
            argv.addAll(List.of(setpriv.orElseThrow().toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "--bounding-set=-all,+dac_read_search", "--inh-caps=-all,+dac_read_search",
                    "--ambient-caps=-all,+dac_read_search", "--"));
        }
        SandboxProfile.Limits l = profile.limits();
        argv.addAll(List.of(prlimit.toString(), "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 5),
                "--as=" + (l.memoryMib() << 20), "--nproc=" + l.processes(), "--nofile=" + l.openFiles(),
                "--fsize=" + (l.fileSizeMib() << 20), "--"));
        argv.addAll(command);

        Optional<Path> group = Optional.empty();
        if (cgroup.cgroup().isPresent()) {
            group = Optional.of(cgroup.cgroup().get().child(CgroupV2.limits(profile)));
        }
        if (filter.isPresent() || group.isPresent()) {
            // the shell joins the step's cgroup before bubblewrap forks, and opens the filter on the descriptor bubblewrap reads
            List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                    "cg=$1; f=$2; shift 2; if [ -n \"$cg\" ]; then echo $$ > \"$cg/cgroup.procs\" || exit 125; fi;"
                            + " if [ -n \"$f\" ]; then exec \"$@\" 3<\"$f\"; else exec \"$@\"; fi",
                    "provenant-sandbox", group.map(Path::toString).orElse(""), filter.map(Path::toString).orElse("")));
            wrapped.addAll(argv);
            argv = wrapped;
        }

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
        // a step that fails after a remembered probe may have met a kernel that refuses now: the next one probes again
        Optional<ProbeCache> forget = probed ? Optional.empty() : probeCache;
        return new Launch(builder, Duration.ofSeconds(l.timeoutSeconds()),
                evidence(new TreeSet<>(outermost), visible, hidden, readOnly, passed, root, group), staging, group, forget);
    }

    private ObjectNode evidence(TreeSet<Path> writable, TreeSet<Path> materials, List<String> hidden, List<String> readOnly,
            TreeSet<String> passed, boolean root, Optional<Path> group) {
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
        if (!root) {
            ns.add("user");
        }
        NAMESPACES.forEach(ns::add);
        if (profile.network() != SandboxProfile.Network.HOST) {
            ns.add("net");
        }
        enforced.put(SandboxEvidence.NETWORK, profile.network().word());
        enforced.put("network-by", switch (profile.network()) {
            case OFF -> "a network namespace of its own, and seccomp refusing IPv4 and IPv6 sockets and io_uring";
            case LOOPBACK -> "a network namespace of its own with only its loopback up";
            case HOST -> "none: the caller's network";
        });
        ObjectNode user = enforced.putObject("user");
        if (root) {
            user.put("uid", NOBODY);
            user.put("by", "setpriv: the caller is root, so the step runs as uid " + NOBODY + ", which RLIMIT_NPROC binds");
        } else {
            user.put("uid", launchUid);
            user.put("by", "a user namespace of the caller's uid");
        }
        enforced.put("root-file-system", "read-only");
        enforced.put("workspace", profile.workspace().word());
        enforced.put("writable-state", "copies in a fresh temporary folder, written back only when the step succeeds");
        enforced.put("private-tmp", true);
        enforced.put("no-new-privileges", true);
        enforced.put("capabilities", root ? "CAP_DAC_READ_SEARCH only (open_by_handle_at refused)" : "none");
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
        ObjectNode by = enforced.putObject("limits-by");
        by.put("processes", "RLIMIT_NPROC of uid " + (root ? NOBODY : launchUid) + (group.isPresent() ? ", and pids.max" : ""));
        by.put("memory-mib", "RLIMIT_AS" + (group.isPresent() ? ", and memory.max" : ""));
        ObjectNode cg = enforced.putObject("cgroup");
        cg.put("applied", group.isPresent());
        ObjectNode not = enforced.putObject("not-enforced");
        if (group.isPresent()) {
            cg.put("group", group.get().toString());
            ObjectNode files = cg.putObject("limits");
            CgroupV2.limits(profile).forEach(files::put);
        } else {
            cg.put("reason", cgroup.reason());
            not.put("cgroup", "no cgroup v2 limits (" + cgroup.reason() + "): memory is bounded by address space (RLIMIT_AS),"
                    + " not resident memory");
        }
        return e;
    }

    private static List<String> namespaceArgs(SandboxProfile profile, boolean root) {
        List<String> args = new ArrayList<>();
        if (!root) {
            // root needs no user namespace to make the others, and one would keep the step at kuid 0, unbound by RLIMIT_NPROC
            args.add("--unshare-user");
        }
        args.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup"));
        if (profile.network() != SandboxProfile.Network.HOST) {
            args.add("--unshare-net");
        }
        return args;
    }

    /**
     * One prepared run: the bubblewrap process to start, the wall-clock time after which its caller kills
     * it, the isolation to record in the link's {@code environment}, and the step's writable state, which
     * {@link #finish} keeps or throws away.
     */
    public static final class Launch {
        private final ProcessBuilder builder;
        private final Duration timeout;
        private final ObjectNode evidence;
        private final Staging staging;
        private final Optional<Path> group;
        private final Optional<ProbeCache> forgetOnFailure;

        Launch(ProcessBuilder builder, Duration timeout, ObjectNode evidence, Staging staging, Optional<Path> group,
                Optional<ProbeCache> forgetOnFailure) {
            this.forgetOnFailure = forgetOnFailure;
            this.builder = builder;
            this.timeout = timeout;
            this.evidence = evidence;
            this.staging = staging;
            this.group = group;
        }

        public ProcessBuilder builder() {
            return builder;
        }

        public Duration timeout() {
            return timeout;
        }

        public ObjectNode evidence() {
            return evidence;
        }

        /**
         * Ends the run: a step that exited 0 has its writes copied over the workspace's products and
         * writable paths; any other (failed, killed, timed out) has them thrown away, and the folders made
         * for it removed. Either way the temporary folder goes. Returns {@link #outcome}, with
         * {@code writes: kept} or {@code discarded}.
         */
        public ObjectNode finish(int status, boolean timedOut) throws IOException {
            boolean keep = status == 0 && !timedOut;
            if (!keep) {
                forgetOnFailure.ifPresent(ProbeCache::forget);
            }
            try {
                if (keep) {
                    staging.keep();
                } else {
                    staging.discard();
                }
            } finally {
                group.ifPresent(CgroupV2::remove);
            }
            return outcome(status, timedOut).put("writes", keep ? "kept" : "discarded");
        }

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
    private static Process start(List<String> argv) throws SandboxUnavailableException {
        try {
            ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true);
            b.environment().clear();
            return b.start();
        } catch (IOException e) {
            throw new SandboxUnavailableException(argv.get(0) + " cannot be started (" + e.getMessage() + "): reinstall it");
        }
    }

    private static Run finish(Process p, String tool) throws SandboxUnavailableException, InterruptedException {
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readNBytes(4096);
        } catch (IOException e) {
            out = new byte[0];
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SandboxUnavailableException(tool + " did not finish within 10 s: check the machine");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no output");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    static int currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.split("\\s+")[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: bubblewrap would not have started
        }
        return -1;
    }
}
