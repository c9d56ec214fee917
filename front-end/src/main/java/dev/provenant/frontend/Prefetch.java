package dev.provenant.frontend;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import java.util.List;

/** Starts hashing the artifact files of a verification on a second core while the bundle and trusted root are read. */
public final class Prefetch {
    private Prefetch() {}

    /** The artifacts as given, each file already being hashed (SHA-256) by {@code digester} (see {@link ArtifactDigester#prefetch}). */
    public static List<Artifact> hashedAhead(ArtifactDigester digester, List<Artifact> artifacts) {
        for (Artifact artifact : artifacts) {
            if (artifact instanceof Artifact.FileArtifact file) {
                digester.prefetch(file.path(), DigestAlgorithm.SHA256);
            }
        }
        return List.copyOf(artifacts);
    }
}
