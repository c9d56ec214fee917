package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.TransparencyChecks;
import dev.provenant.verifier.TrustRootTransparencyChecks;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Wires a bundle verifier to the trusted root the user chose, or the shipped public-good one. */
final class VerifierSetup {
    private VerifierSetup() {}

    static BundleVerifier create(Path trustedRoot) throws IOException, UsageException {
        TransparencyChecks checks;
        if (trustedRoot != null) {
            checks = new TrustRootTransparencyChecks(read(trustedRoot));
        } else {
            // The shipped root is parsed only when a bundle has log entries or timestamps to check.
            checks = (bundle, key, signature, digest) -> {
                var material = bundle.verificationMaterial();
                if (material.tlogEntries().isEmpty() && material.rfc3161Timestamps().isEmpty()) {
                    return new TransparencyChecks.Outcome(List.of(), List.of(), List.of());
                }
                return new TrustRootTransparencyChecks(TrustedRoot.publicGood()).verify(bundle, key, signature, digest);
            };
        }
        return new BundleVerifier(new ArtifactDigester(), checks);
    }

    private static TrustedRoot read(Path file) throws IOException, UsageException {
        if (Files.size(file) > 16 << 20) {
            throw new UsageException(file + " is too large to be a trusted root");
        }
        try {
            return TrustedRoot.parse(Files.readAllBytes(file));
        } catch (FormatException e) {
            throw new UsageException("trusted root " + file + ": " + e.getMessage());
        }
    }
}
