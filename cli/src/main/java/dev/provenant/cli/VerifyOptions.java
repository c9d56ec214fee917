package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Option;

/** The trust inputs every verifying command takes. */
final class VerifyOptions {
    @Option(names = "--bundle", paramLabel = "BUNDLE", description = "The Sigstore bundle (default: FILE.sigstore.json).")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "PUB", description = "The trusted public key, PEM.")
    Path key;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json for transparency log entries and timestamps "
                    + "(default: the public-good root shipped with Provenant).")
    Path trustedRoot;

    @Option(names = "--require-tlog", description = "Fail unless the bundle has a verified transparency log entry.")
    boolean requireTlog;

    PublicKey publicKey() throws IOException, UsageException {
        if (Files.size(key) > 1 << 20) {
            throw new UsageException(key + " is too large to be a public key");
        }
        try {
            return PemPublicKeys.parse(Files.readString(key, StandardCharsets.US_ASCII));
        } catch (FormatException e) {
            throw new UsageException(key + ": " + e.getMessage());
        }
    }

    /** The bundle to verify; by default {@code firstOperand + defaultSuffix}, beside the artifact. */
    Bundle readBundle(String firstOperand, String defaultSuffix) throws IOException, FormatException, UsageException {
        Path path = bundle;
        if (path == null) {
            if (Digest.looksLikeDigest(firstOperand)) {
                throw new UsageException("verifying a digest needs --bundle BUNDLE");
            }
            path = Path.of(firstOperand + defaultSuffix);
        }
        return Bundle.read(path);
    }
}
