package dev.provenant.attest.ci;

import dev.provenant.attest.intoto.ResourceDescriptor;
import java.util.Map;
import java.util.Objects;

/**
 * The source a build checked out: repository URI, ref and full commit id. As a resolved dependency it
 * reads {@code git+REPOSITORY@REF} with a {@code gitCommit} digest, the SPDX download-location form
 * GitHub's own provenance uses.
 */
public record SourceRevision(String repository, String ref, String commit) {
    public SourceRevision {
        Objects.requireNonNull(repository, "repository");
        if (commit == null || !commit.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
            throw new IllegalArgumentException("a git commit is 40 (or 64) lowercase hex digits, got " + commit);
        }
    }

    public ResourceDescriptor asDependency() {
        String uri = "git+" + repository + (ref == null || ref.isEmpty() ? "" : "@" + ref);
        return new ResourceDescriptor(null, uri, Map.of("gitCommit", commit), null, null, null, null);
    }
}
