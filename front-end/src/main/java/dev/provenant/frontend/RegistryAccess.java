package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.oci.DockerConfig;
import dev.provenant.oci.RegistryClient;
import dev.provenant.oci.RegistryTls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a front end reaches a registry, the same for the CLI's registry options and the plugin's
 * parameters: credentials from a Docker config folder (given, else {@code $DOCKER_CONFIG}, else
 * {@code ~/.docker}), a private CA, plain HTTP (always allowed on loopback, elsewhere only when
 * {@code allowInsecure}), and a time limit. Settings are named as {@code names} spells them.
 */
public final class RegistryAccess {
    private RegistryAccess() {}

    /** How the front end spells the settings, for messages: "--registry-timeout" or "<registryTimeout>". */
    public record Names(String timeout) {}

    public static RegistryClient client(Path dockerConfig, Path registryCa, boolean allowInsecure, int timeoutSeconds,
            Map<String, String> environment, Names names) throws IOException, SetupException {
        if (timeoutSeconds <= 0 || timeoutSeconds > 3600) {
            throw new SetupException(names.timeout() + " is 1 to 3600 seconds");
        }
        Map<String, String> env = new HashMap<>(environment);
        if (dockerConfig != null) {
            env.put("DOCKER_CONFIG", dockerConfig.toString());
        }
        DockerConfig credentials;
        try {
            credentials = DockerConfig.fromEnvironment(env);
        } catch (FormatException e) {
            throw new SetupException(e.getMessage(), e);
        }
        RegistryClient.Options options = RegistryClient.Options.defaults(credentials)
                .withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withInsecure(allowInsecure);
        if (registryCa != null) {
            options = options.withSsl(RegistryTls.trusting(registryCa));
        }
        return new RegistryClient(options);
    }
}
