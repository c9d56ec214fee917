package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import dev.provenant.verifier.trust.TrustedRootChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wires a bundle verifier to the trusted root the user named, else a fresh cached refresh, else the
 * shipped public-good root. The default root is read only if a bundle needs it, and the choice is
 * remembered so the output can say which root was used.
 */
final class VerifierSetup implements Supplier<TrustedRoot> {
    private final TrustedRootChoice explicit;
    private TrustedRootChoice chosen;

    private VerifierSetup(TrustedRootChoice explicit) {
        this.explicit = explicit;
    }

    static VerifierSetup forRoot(Path trustedRoot) throws IOException, UsageException {
        if (trustedRoot == null) {
            return new VerifierSetup(null);
        }
        try {
            return new VerifierSetup(TrustedRootChoice.fromFile(trustedRoot));
        } catch (FormatException e) {
            throw new UsageException("trusted root " + trustedRoot + ": " + e.getMessage());
        }
    }

    BundleVerifier verifier() {
        return verifier(new ArtifactDigester());
    }

    /**
     * The artifacts the operands name, each file already being hashed (SHA-256) on a second core by
     * {@code digester} while the bundle and the trusted root are read and checked.
     */
    static List<Artifact> hashedAhead(ArtifactDigester digester, List<String> operands) {
        List<Artifact> artifacts = new ArrayList<>(operands.size());
        for (String operand : operands) {
            Artifact artifact = Artifact.parse(operand);
            if (artifact instanceof Artifact.FileArtifact file) {
                digester.prefetch(file.path(), DigestAlgorithm.SHA256);
            }
            artifacts.add(artifact);
        }
        return artifacts;
    }

    /**
     * A verifier hashing through {@code digester}, which may already be hashing the artifacts (see
     * {@link ArtifactDigester#prefetch}).
     */
    BundleVerifier verifier(ArtifactDigester digester) {
        return new BundleVerifier(digester, this, Clock.systemUTC());
    }

    @Override
    public TrustedRoot get() {
        if (chosen == null) {
            chosen = explicit != null ? explicit : TrustedRootChoice.publicGood(TrustedRootCache.standard(System.getenv()));
        }
        return chosen.root();
    }

    /** Which root the verification used, or null when the bundle needed none. */
    String source() {
        return chosen == null ? null : chosen.source();
    }
}
