package dev.provenant.verifier.npm;

import dev.provenant.verifier.provenance.ProvenanceExpectations;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consumer requires of an npm package, in slsa-verifier's {@code verify-npm-package} terms.
 *
 * @param provenance the source, builder ({@code --builder-id}, required to pass), ref, build type and
 *     workflow inputs the provenance must state
 * @param packageName the package name both attestations must name, e.g. {@code @scope/name}; empty: any
 * @param packageVersion the version both attestations must name; empty: any
 */
public record NpmPackageExpectations(ProvenanceExpectations provenance, Optional<String> packageName, Optional<String> packageVersion) {
    public NpmPackageExpectations {
        Objects.requireNonNull(provenance, "provenance expectations are required");
        packageName = packageName == null ? Optional.empty() : packageName;
        packageVersion = packageVersion == null ? Optional.empty() : packageVersion;
        if (packageName.filter(String::isEmpty).isPresent() || packageVersion.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("an expected package name or version must not be empty");
        }
    }
}
