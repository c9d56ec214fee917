package dev.provenant.cli;

import dev.provenant.frontend.RegistryAccess;
import dev.provenant.frontend.SetupException;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How the image commands reach a registry: credentials, TLS trust, plain HTTP, and a time limit. The
 * annotated commands take it as a mixin; {@code verify}, whose model is built in code (see
 * {@link ProvenantCommand}), adds {@link #spec()}, which declares the same options ({@code CommandSpecsTest}).
 */
final class RegistryOptions implements Binding.Fields {
    @Option(names = "--docker-config", paramLabel = "DIR",
            description = "Folder of the Docker config.json with the registry credentials (default: $DOCKER_CONFIG, else ~/.docker).")
    Path dockerConfig;

    @Option(names = "--registry-ca", paramLabel = "FILE",
            description = "PEM certificates to trust, instead of the JDK's CAs, for a registry with a private CA.")
    Path registryCa;

    @Option(names = "--allow-insecure-registry",
            description = "Allow plain HTTP to a registry that does not speak TLS (always allowed on loopback).")
    boolean allowInsecure;

    @Option(names = "--registry-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a registry that does not answer within this many seconds (default: 30).")
    int timeoutSeconds = 30;

    /** The same options as the annotations declare, bound without reflection. */
    CommandSpec spec() {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(Binding.option(this, Path.class, "--docker-config")
                .paramLabel("DIR")
                .description("Folder of the Docker config.json with the registry credentials (default: $DOCKER_CONFIG, else ~/.docker).")
                .build());
        mixin.addOption(Binding.option(this, Path.class, "--registry-ca")
                .paramLabel("FILE")
                .description("PEM certificates to trust, instead of the JDK's CAs, for a registry with a private CA.")
                .build());
        mixin.addOption(Binding.flag(this, "--allow-insecure-registry")
                .description("Allow plain HTTP to a registry that does not speak TLS (always allowed on loopback).")
                .build());
        mixin.addOption(Binding.option(this, int.class, "--registry-timeout")
                .paramLabel("SECONDS")
                .defaultValue("30")
                .description("Give up on a registry that does not answer within this many seconds (default: 30).")
                .build());
        return mixin;
    }

    @Override
    public Object get(String name) {
        switch (name) {
            case "--docker-config": return dockerConfig;
            case "--registry-ca": return registryCa;
            case "--allow-insecure-registry": return allowInsecure;
            case "--registry-timeout": return timeoutSeconds;
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public void set(String name, Object value) {
        switch (name) {
            case "--docker-config": dockerConfig = (Path) value; break;
            case "--registry-ca": registryCa = (Path) value; break;
            case "--allow-insecure-registry": allowInsecure = (Boolean) value; break;
            case "--registry-timeout": timeoutSeconds = (Integer) value; break;
            default: throw new IllegalArgumentException(name);
        }
    }

    static ImageReference parse(String image) throws UsageException {
        try {
            return ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new UsageException("image " + image + ": " + e.getMessage());
        }
    }

    RegistryClient client() throws IOException, UsageException {
        try {
            return RegistryAccess.client(dockerConfig, registryCa, allowInsecure, timeoutSeconds, System.getenv(),
                    new RegistryAccess.Names("--registry-timeout"));
        } catch (SetupException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
