package dev.provenant.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.CanonicalJson;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A sandbox profile ({@code apiVersion: provenant.dev/sandbox/v1}): what a sandboxed step may see, write,
 * reach and use. Everything not named is denied: the root file system is read-only, the network is off,
 * the environment holds only the names listed, and the limits always apply. The JSON Schema is
 * {@code docs/sandbox-profile-v1.schema.json}; {@link #check} says what a schema cannot (paths that
 * escape, names that are not variable names).
 *
 * @param network {@code off} (a network namespace of its own, and no IPv4 or IPv6 socket at all), {@code loopback}
 *     (a network namespace of its own with only its loopback up: the step reaches servers it starts itself,
 *     never the caller's) or {@code host}
 * @param workspace {@code read-only} (the working directory is visible, unwritable) or {@code hidden}
 * @param readOnly further paths bound read-only (after {@code hidden}, so they show through it); a path
 *     that starts {@code ~/} is under the caller's home; one that does not exist is skipped
 * @param hidden absolute paths covered by an empty file system
 * @param writable paths inside the working directory the step may write, besides its products
 * @param env the names of the caller's environment variables the step sees
 * @param setEnv variables set for the step, over the ones passed
 * @param cgroup whether cgroup v2 limits are required, and the CPU share they give
 */
public record SandboxProfile(String name, Network network, Workspace workspace, List<String> readOnly, List<String> hidden,
        List<String> writable, List<String> env, Map<String, String> setEnv, Limits limits, Cgroup cgroup) {
    public static final String API_VERSION = "provenant.dev/sandbox/v1";
    /** The built-in profiles, by name. */
    public static final List<String> BUILT_IN = List.of("strict", "build", "test");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<String> FIELDS = Set.of("apiVersion", "name", "network", "workspace", "read-only", "hidden",
            "writable", "env", "set-env", "limits", "cgroup");
    private static final int MAX_LIST = 64;

    public enum Network {
        OFF("off"), LOOPBACK("loopback"), HOST("host");

        private final String word;

        Network(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public enum Workspace {
        READ_ONLY("read-only"), HIDDEN("hidden");

        private final String word;

        Workspace(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * The limits, each at least 1. Memory is the address space (RLIMIT_AS), processes count the user's
     * (RLIMIT_NPROC), file size is the largest file the step may write (RLIMIT_FSIZE).
     */
    public record Limits(long cpuSeconds, long memoryMib, long processes, long openFiles, long fileSizeMib, long timeoutSeconds) {
        static final List<String> FIELDS = List.of("cpu-seconds", "memory-mib", "processes", "open-files", "file-size-mib",
                "timeout-seconds");

        /** Each limit as the profile names it, in the schema's order. */
        public Map<String, Long> asMap() {
            Map<String, Long> m = new java.util.LinkedHashMap<>();
            long[] values = {cpuSeconds, memoryMib, processes, openFiles, fileSizeMib, timeoutSeconds};
            for (int i = 0; i < values.length; i++) {
                m.put(FIELDS.get(i), values[i]);
            }
            return m;
        }
    }

    /**
     * The cgroup v2 group a step is put in where the machine delegates one: {@code memory.max} from
     * {@code memory-mib}, {@code pids.max} from {@code processes}, and {@code cpu.max} from
     * {@code cpuPercent} (100 is one core) when given. With {@code required}, a machine that cannot give
     * them refuses the step; otherwise the link records that they did not apply, and why.
     */
    public record Cgroup(boolean required, Optional<Long> cpuPercent) {
        public static final Cgroup WHEN_AVAILABLE = new Cgroup(false, Optional.empty());
    }

    public SandboxProfile {
        readOnly = List.copyOf(readOnly);
        hidden = List.copyOf(hidden);
        writable = List.copyOf(writable);
        env = List.copyOf(env);
        setEnv = Map.copyOf(new TreeMap<>(setEnv));
    }

    /** The profile as its file holds it, every field written out: what {@link #digest} covers. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("apiVersion", API_VERSION);
        o.put("name", name);
        o.put("network", network.word());
        o.put("workspace", workspace.word());
        readOnly.forEach(o.putArray("read-only")::add);
        hidden.forEach(o.putArray("hidden")::add);
        writable.forEach(o.putArray("writable")::add);
        env.forEach(o.putArray("env")::add);
        ObjectNode set = o.putObject("set-env");
        new TreeMap<>(setEnv).forEach(set::put);
        ObjectNode l = o.putObject("limits");
        limits.asMap().forEach(l::put);
        ObjectNode c = o.putObject("cgroup");
        c.put("required", cgroup.required());
        cgroup.cpuPercent().ifPresent(p -> c.put("cpu-percent", p));
        return o;
    }

    /**
     * SHA-256 of the profile's canonical JSON ({@link #toJson}, keys sorted, no whitespace): the same
     * settings have the same digest whatever the file's layout, and a layout can pin it.
     */
    public Digest digest() {
        try {
            return new Digest(DigestAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(toJson())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A built-in profile: {@code strict}, {@code build} or {@code test}. */
    public static SandboxProfile builtIn(String name) throws FormatException {
        if (!BUILT_IN.contains(name)) {
            throw new FormatException("no built-in sandbox profile '" + name + "'; the built-in ones are " + BUILT_IN
                    + ", or name a profile file");
        }
        try (InputStream in = SandboxProfile.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in profile " + name + " is missing from the jar");
            }
            return parse(BoundedFile.read(in, InputLimit.SANDBOX_PROFILE, name + ".json"));
        } catch (IOException e) {
            throw new IllegalStateException("built-in profile " + name + ": " + e.getMessage(), e);
        }
    }

    /** A built-in profile's name, or else a profile file's path. */
    public static SandboxProfile load(String nameOrFile) throws IOException, FormatException {
        if (BUILT_IN.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        if (!nameOrFile.contains("/") && !nameOrFile.endsWith(".json")) {
            throw new FormatException("no built-in sandbox profile '" + nameOrFile + "'; the built-in ones are " + BUILT_IN
                    + ", or name a profile file (a path, or a .json name)");
        }
        return read(Path.of(nameOrFile));
    }

    public static SandboxProfile read(Path file) throws IOException, FormatException {
        try {
            return parse(BoundedFile.read(file, InputLimit.SANDBOX_PROFILE));
        } catch (FormatException e) {
            throw new FormatException(file + ": " + e.getMessage());
        }
    }

    /** @throws FormatException naming every problem {@link #check} finds, one per line */
    public static SandboxProfile parse(byte[] json) throws FormatException {
        JsonNode node = JsonCodec.readTreeUniqueNames(json, "sandbox profile");
        List<String> problems = check(node);
        if (!problems.isEmpty()) {
            throw new FormatException(String.join("; ", problems));
        }
        return bind(node);
    }

    /** Every problem of a profile document, each naming its field; empty when the profile is good. */
    public static List<String> check(JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add("a sandbox profile is a JSON object");
            return problems;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add(f + ": unknown field (a typo would otherwise loosen nothing, but say nothing either)");
            }
        });
        if (!API_VERSION.equals(node.path("apiVersion").asText(null))) {
            problems.add("apiVersion: must be " + API_VERSION);
        }
        if (!node.path("name").isTextual() || !NAME.matcher(node.path("name").textValue()).matches()) {
            problems.add("name: must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        word(node, "network", List.of("off", "loopback", "host"), problems);
        word(node, "workspace", List.of("read-only", "hidden"), problems);
        for (String p : strings(node, "read-only", problems)) {
            if (!(p.startsWith("/") || p.startsWith("~/")) || escapes(p)) {
                problems.add("read-only: '" + p + "' must be an absolute path or start with ~/, without '..'");
            }
        }
        for (String p : strings(node, "hidden", problems)) {
            if (!p.startsWith("/") || p.equals("/") || escapes(p)) {
                problems.add("hidden: '" + p + "' must be an absolute path other than /, without '..'");
            }
        }
        for (String p : strings(node, "writable", problems)) {
            if (p.isEmpty() || p.startsWith("/") || p.startsWith("~") || escapes(p) || p.equals(".")) {
                problems.add("writable: '" + p + "' must be a path inside the working directory, relative, without '..'");
            }
        }
        for (String v : strings(node, "env", problems)) {
            if (!VARIABLE.matcher(v).matches()) {
                problems.add("env: '" + v + "' is not an environment variable name");
            } else if (v.startsWith("PROVENANT_")) {
                problems.add("env: '" + v + "' is provenant's own (a key passphrase, a PIN): a step gets it only when named"
                        + " at run time, with --secret");
            }
        }
        JsonNode set = node.path("set-env");
        if (!set.isMissingNode()) {
            if (!set.isObject()) {
                problems.add("set-env: must be an object of variable name to string");
            } else {
                set.properties().forEach(e -> {
                    if (!VARIABLE.matcher(e.getKey()).matches() || !e.getValue().isTextual() || e.getValue().textValue().length() > 4096) {
                        problems.add("set-env: '" + e.getKey() + "' must be a variable name with a string value of at most 4096 characters");
                    }
                });
            }
        }
        JsonNode limits = node.path("limits");
        if (!limits.isObject()) {
            problems.add("limits: required, an object with " + Limits.FIELDS);
        } else {
            limits.fieldNames().forEachRemaining(f -> {
                if (!Limits.FIELDS.contains(f)) {
                    problems.add("limits." + f + ": unknown limit");
                }
            });
            for (String f : Limits.FIELDS) {
                JsonNode v = limits.path(f);
                if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1 || v.longValue() > (1L << 40)) {
                    problems.add("limits." + f + ": required, an integer of at least 1");
                }
            }
        }
        JsonNode cgroup = node.path("cgroup");
        if (!cgroup.isMissingNode()) {
            if (!cgroup.isObject()) {
                problems.add("cgroup: must be an object with required and cpu-percent");
            } else {
                cgroup.fieldNames().forEachRemaining(f -> {
                    if (!List.of("required", "cpu-percent").contains(f)) {
                        problems.add("cgroup." + f + ": unknown field");
                    }
                });
                if (!cgroup.path("required").isMissingNode() && !cgroup.path("required").isBoolean()) {
                    problems.add("cgroup.required: must be true or false");
                }
                JsonNode cpu = cgroup.path("cpu-percent");
                if (!cpu.isMissingNode() && (!cpu.isIntegralNumber() || !cpu.canConvertToLong() || cpu.longValue() < 1
                        || cpu.longValue() > 100_000)) {
                    problems.add("cgroup.cpu-percent: an integer from 1 to 100000 (100 is one core)");
                }
            }
        }
        return problems;
    }

    private static boolean escapes(String path) {
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return path.indexOf('\0') >= 0;
    }

    private static void word(JsonNode node, String field, List<String> allowed, List<String> problems) {
        JsonNode v = node.path(field);
        if (!v.isMissingNode() && !(v.isTextual() && allowed.contains(v.textValue()))) {
            problems.add(field + ": must be one of " + allowed);
        }
    }

    private static List<String> strings(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.path(field);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode()) {
            return out;
        }
        if (!v.isArray() || v.size() > MAX_LIST) {
            problems.add(field + ": must be a list of at most " + MAX_LIST + " strings");
            return out;
        }
        for (JsonNode e : v) {
            if (!e.isTextual() || e.textValue().length() > 4096) {
                problems.add(field + ": must be a list of strings of at most 4096 characters");
                return List.of();
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static SandboxProfile bind(JsonNode node) {
        List<String> none = new ArrayList<>();
        Map<String, String> set = new TreeMap<>();
        node.path("set-env").properties().forEach(e -> set.put(e.getKey(), e.getValue().textValue()));
        JsonNode l = node.path("limits");
        return new SandboxProfile(node.get("name").textValue(),
                switch (node.path("network").asText("off")) {
                    case "host" -> Network.HOST;
                    case "loopback" -> Network.LOOPBACK;
                    default -> Network.OFF;
                },
                "hidden".equals(node.path("workspace").asText("read-only")) ? Workspace.HIDDEN : Workspace.READ_ONLY,
                strings(node, "read-only", none), strings(node, "hidden", none), strings(node, "writable", none),
                strings(node, "env", none), set,
                new Limits(l.get("cpu-seconds").longValue(), l.get("memory-mib").longValue(), l.get("processes").longValue(),
                        l.get("open-files").longValue(), l.get("file-size-mib").longValue(), l.get("timeout-seconds").longValue()),
                new Cgroup(node.path("cgroup").path("required").asBoolean(false),
                        node.path("cgroup").has("cpu-percent") ? Optional.of(node.path("cgroup").get("cpu-percent").longValue())
                                : Optional.empty()));
    }
}
