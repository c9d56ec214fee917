package dev.provenant.cli;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.frontend.Prefetch;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.SetupException;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wires a bundle verifier to the trusted root {@code --trusted-root} names, else the public-good root
 * (see {@link RootSelection}), and hashes the operands ahead.
 */
final class VerifierSetup implements Supplier<TrustedRoot> {
    private final RootSelection root;

    private VerifierSetup(RootSelection root) {
        this.root = root;
    }

    static VerifierSetup forRoot(Path trustedRoot) throws IOException, SetupException {
        return new VerifierSetup(RootSelection.of(trustedRoot, System.getenv()));
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
            artifacts.add(Artifact.parse(operand));
        }
        return Prefetch.hashedAhead(digester, artifacts);
    }

    /**
     * A verifier hashing through {@code digester}, which may already be hashing the artifacts (see
     * {@link ArtifactDigester#prefetch}).
     */
    BundleVerifier verifier(ArtifactDigester digester) {
        return new BundleVerifier(digester, root, Clock.systemUTC());
    }

    @Override
    public TrustedRoot get() {
        return root.get();
    }

    /** Which root the verification used, or null when the bundle needed none. */
    String source() {
        return root.source().orElse(null);
    }
}
