package dev.provenant.verifier;

import dev.provenant.attest.digest.Digest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** What a bundle is checked against: an artifact file, or only its digest when the file is elsewhere. */
public sealed interface Artifact permits Artifact.FileArtifact, Artifact.DigestArtifact {
    /** How the artifact is named in messages. */
    String name();

    record FileArtifact(Path path) implements Artifact {
        @Override
        public String name() {
            return path.toString();
        }
    }

    record DigestArtifact(Digest digest) implements Artifact {
        @Override
        public String name() {
            return digest.toString();
        }
    }

    /**
     * Reads a command-line operand: {@code sha256:HEX} of the right length that is not a path on disk
     * is a digest; anything else is a file path.
     */
    static Artifact parse(String operand) {
        if (Digest.looksLikeDigest(operand) && !exists(operand)) {
            return new DigestArtifact(Digest.parse(operand));
        }
        return new FileArtifact(Path.of(operand));
    }

    private static boolean exists(String operand) {
        try {
            return Files.exists(Path.of(operand));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
