package dev.provenant.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A promotion decision to make: the policy file, the stage, the evidence bundles and the artifacts.
 * Immutable; made with {@link #policy(Path, String)}.
 */
public final class GateOptions {
    private final Path policy;
    private final String stage;
    private final List<Path> bundles;
    private final List<Path> artifacts;
    private final Path trustedRoot;
    private final Map<String, String> environment;

    private GateOptions(Builder b) {
        this.policy = b.policy;
        this.stage = b.stage;
        this.bundles = List.copyOf(b.bundles);
        this.artifacts = List.copyOf(b.artifacts);
        this.trustedRoot = b.trustedRoot;
        this.environment = Map.copyOf(b.environment);
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("give the evidence: at least one bundle(..)");
        }
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("give at least one artifact(..) to promote");
        }
    }

    /** The promotion policy (YAML or JSON) and the stage to promote to, as the policy names it. */
    public static Builder policy(Path policyFile, String stage) {
        return new Builder(Objects.requireNonNull(policyFile), Objects.requireNonNull(stage));
    }

    Path policy() {
        return policy;
    }

    String stage() {
        return stage;
    }

    List<Path> bundles() {
        return bundles;
    }

    List<Path> artifacts() {
        return artifacts;
    }

    Path trustedRoot() {
        return trustedRoot;
    }

    Map<String, String> environment() {
        return environment;
    }

    public static final class Builder {
        private final Path policy;
        private final String stage;
        private final List<Path> bundles = new ArrayList<>();
        private final List<Path> artifacts = new ArrayList<>();
        private Path trustedRoot;
        private Map<String, String> environment = System.getenv();

        private Builder(Path policy, String stage) {
            this.policy = policy;
            this.stage = stage;
        }

        /** Evidence: an attestation bundle, or an earlier stage's VSA; repeatable. */
        public Builder bundle(Path bundle) {
            bundles.add(Objects.requireNonNull(bundle));
            return this;
        }

        /** An artifact to promote; repeatable. */
        public Builder artifact(Path artifact) {
            artifacts.add(Objects.requireNonNull(artifact));
            return this;
        }

        /** The trusted root for keyless signers and log entries (default: the public-good root). */
        public Builder trustedRoot(Path trustedRootJson) {
            this.trustedRoot = trustedRootJson;
            return this;
        }

        /** The environment the public-good root's cache is found from; by default the process's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** @throws IllegalArgumentException without a bundle or an artifact */
        public GateOptions build() {
            return new GateOptions(this);
        }
    }
}
