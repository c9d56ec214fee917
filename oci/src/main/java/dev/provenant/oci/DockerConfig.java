package dev.provenant.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The credentials {@code docker login} leaves: {@code config.json} in {@code $DOCKER_CONFIG} (default
 * {@code ~/.docker}), read as Docker does. For a registry, its {@code credHelpers} entry names the
 * helper to ask; else an {@code auths} entry with {@code auth} (base64 {@code user:password}) or
 * {@code identitytoken}; else the {@code credsStore} helper. A helper is the program
 * {@code docker-credential-NAME}, run with {@code get} and the server on its standard input.
 */
public final class DockerConfig implements CredentialStore {
    /** The largest config.json read. */
    public static final int MAX_CONFIG_BYTES = 1 << 20;
    /** The most a credential helper may print. */
    public static final int MAX_HELPER_OUTPUT = 64 << 10;
    /** How long a credential helper may take. */
    public static final long HELPER_TIMEOUT_SECONDS = 30;

    private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path file;
    private final JsonNode config;
    private final Map<String, String> env;

    private DockerConfig(Path file, JsonNode config, Map<String, String> env) {
        this.file = file;
        this.config = config;
        this.env = env;
    }

    /** The config.json the environment names ({@code DOCKER_CONFIG}, else {@code HOME/.docker}); none is no credentials. */
    public static DockerConfig fromEnvironment(Map<String, String> env) throws IOException, FormatException {
        String dir = env.get("DOCKER_CONFIG");
        Path folder = dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        return read(folder.resolve("config.json"), env);
    }

    /** Reads {@code file}; a missing file means no credentials. */
    public static DockerConfig read(Path file, Map<String, String> env) throws IOException, FormatException {
        JsonNode node;
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = readBounded(in, MAX_CONFIG_BYTES + 1);
            }
            if (bytes.length > MAX_CONFIG_BYTES) {
                throw new FormatException("Docker config " + file + " is larger than " + (MAX_CONFIG_BYTES >> 20) + " MiB");
            }
            node = JsonCodec.readTree(bytes, "Docker config " + file);
        } catch (NoSuchFileException e) {
            node = JsonCodec.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw new FormatException("Docker config " + file + " is not a JSON object");
        }
        return new DockerConfig(file, node, Map.copyOf(env));
    }

    @Override
    public Optional<Credential> lookup(String registry) throws RegistryException {
        List<String> keys = serverKeys(registry);
        JsonNode helpers = config.path("credHelpers");
        for (String key : keys) {
            if (helpers.path(key).isTextual()) {
                return fromHelper(helpers.path(key).asText(), key, registry);
            }
        }
        JsonNode auths = config.path("auths");
        for (String key : keys) {
            JsonNode entry = auths.path(key);
            if (entry.isObject()) {
                Optional<Credential> found = fromEntry(entry, registry);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (config.path("credsStore").isTextual()) {
            return fromHelper(config.path("credsStore").asText(), keys.get(0), registry);
        }
        return Optional.empty();
    }

    /** The names a config may file a registry's credentials under, as Docker writes them. */
    static List<String> serverKeys(String registry) {
        List<String> keys = new ArrayList<>();
        if (registry.equals(ImageReference.DOCKER_HUB)) {
            keys.add("https://index.docker.io/v1/");
            keys.add("index.docker.io");
            keys.add("docker.io");
            keys.add("registry-1.docker.io");
        } else {
            keys.add(registry);
            keys.add("https://" + registry);
            keys.add("http://" + registry);
            keys.add("https://" + registry + "/v1/");
            keys.add("https://" + registry + "/v2/");
        }
        return keys;
    }

    private Optional<Credential> fromEntry(JsonNode entry, String registry) throws RegistryException {
        if (entry.path("identitytoken").isTextual() && !entry.path("identitytoken").asText().isEmpty()) {
            return Optional.of(Credential.identityToken(entry.path("identitytoken").asText()));
        }
        if (entry.path("auth").isTextual() && !entry.path("auth").asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(entry.path("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(registry, "the auths entry in " + file + " is not base64 (run docker login again)");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(registry, "the auths entry in " + file + " is not user:password (run docker login again)");
            }
            return Optional.of(Credential.basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        if (entry.path("username").isTextual() && entry.path("password").isTextual()) {
            return Optional.of(Credential.basic(entry.path("username").asText(), entry.path("password").asText()));
        }
        return Optional.empty();
    }

    private Optional<Credential> fromHelper(String name, String server, String registry) throws RegistryException {
        if (!HELPER_NAME.matcher(name).matches()) {
            throw new RegistryException(registry, "credential helper name '" + name + "' in " + file + " is not a plain name");
        }
        String program = "docker-credential-" + name;
        Path executable = findOnPath(program);
        if (executable == null) {
            throw new RegistryException(registry, "credential helper " + program + " (named in " + file + ") is not on PATH");
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD);
            process = builder.start();
        } catch (IOException e) {
            throw new RegistryException(registry, -1, "credential helper " + program + " did not start: " + e.getMessage(), e);
        }
        byte[] out;
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            } catch (IOException exitedEarly) {
                // a helper that ends without reading its input is judged by its exit code and output below
            }
            out = readBounded(process.getInputStream(), MAX_HELPER_OUTPUT + 1);
            if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RegistryException(registry, "credential helper " + program + " did not answer within "
                        + HELPER_TIMEOUT_SECONDS + " s");
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new RegistryException(registry, -1, "credential helper " + program + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RegistryException(registry, "interrupted while " + program + " ran");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            // helpers say "credentials not found in native keychain" on stdout: that is no login, not a failure
            if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            // the output is not shown: a helper may print a secret in an error
            throw new RegistryException(registry, "credential helper " + program + " failed (exit " + process.exitValue() + ")");
        }
        if (out.length > MAX_HELPER_OUTPUT) {
            throw new RegistryException(registry, "credential helper " + program + " printed more than "
                    + (MAX_HELPER_OUTPUT >> 10) + " KiB");
        }
        JsonNode answer;
        try {
            answer = JsonCodec.readTree(out, "answer of " + program);
        } catch (FormatException e) {
            throw new RegistryException(registry, "credential helper " + program + " did not print a JSON object");
        }
        String user = answer.path("Username").asText("");
        String secret = answer.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(user.equals("<token>") ? Credential.identityToken(secret) : Credential.basic(user, secret));
    }

    private Path findOnPath(String program) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            int room = max - out.size();
            out.write(buffer, 0, Math.min(n, room));
            if (out.size() >= max) {
                break;
            }
        }
        return out.toByteArray();
    }
}
