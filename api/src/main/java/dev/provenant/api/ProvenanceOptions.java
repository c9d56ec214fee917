package dev.provenant.api;

import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.ResourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to generate SLSA v1 provenance: the build environment is detected from the CI system's documented
 * variables (GitHub Actions, GitLab CI, Jenkins, ...; a clearly labelled local builder otherwise) and the
 * git checkout of the working directory. Immutable; made with {@link #builder()}.
 */
public final class ProvenanceOptions {
    private final Optional<String> builderId;
    private final Optional<String> buildType;
    private final List<DigestAlgorithm> digests;
    private final List<ResourceDescriptor> dependencies;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    private ProvenanceOptions(Builder b) {
        this.builderId = Optional.ofNullable(b.builderId);
        this.buildType = Optional.ofNullable(b.buildType);
        this.digests = List.copyOf(b.digests.isEmpty() ? List.of(DigestAlgorithm.SHA256) : b.digests);
        this.dependencies = List.copyOf(b.dependencies);
        this.environment = Map.copyOf(b.environment);
        this.workingDirectory = b.workingDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<String> builderId() {
        return builderId;
    }

    Optional<String> buildType() {
        return buildType;
    }

    List<DigestAlgorithm> digests() {
        return digests;
    }

    List<ResourceDescriptor> dependencies() {
        return dependencies;
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    public static final class Builder {
        private String builderId;
        private String buildType;
        private final List<DigestAlgorithm> digests = new ArrayList<>();
        private final List<ResourceDescriptor> dependencies = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private Path workingDirectory = Path.of("");

        private Builder() {}

        /** Replaces the detected {@code runDetails.builder.id}. */
        public Builder builderId(String uri) {
            this.builderId = uri;
            return this;
        }

        /** Replaces the detected {@code buildDefinition.buildType}. */
        public Builder buildType(String uri) {
            this.buildType = uri;
            return this;
        }

        /** A subject digest to compute: {@code sha256} (the default), {@code sha384}, {@code sha512}; repeatable. */
        public Builder digest(String algorithm) {
            digests.add(DigestAlgorithm.fromIntotoName(algorithm));
            return this;
        }

        /** Also records a resolved dependency, {@code uri=URI,digest=ALG:HEX[,name=NAME]}; refused at once when malformed. */
        public Builder resolvedDependency(String spec) {
            dependencies.add(ResourceSpec.parse(Objects.requireNonNull(spec)));
            return this;
        }

        /** The variables the CI system is detected from; by default the process's environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The git checkout the source is read from; by default the working directory. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory);
            return this;
        }

        public ProvenanceOptions build() {
            return new ProvenanceOptions(this);
        }
    }
}
