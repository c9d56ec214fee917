package dev.provenant.frontend;

import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which Sigstore instance keyless signing uses: the signing config and trusted root the user named, else
 * the public-good signing config shipped with Provenant and the public-good root (a TUF-verified cached
 * refresh, else the shipped copy). A root that cannot be read fails the setup; signing never goes on
 * without one.
 *
 * @param config what the keyless signer is given
 * @param warning set when a signing config was named without its trusted root: the certificates and log
 *     entries of a private instance would then be checked against the public-good root
 */
public record KeylessInstance(KeylessConfig config, Optional<String> warning) {
    static final String SHIPPED_SIGNING_CONFIG = "public-good signing config shipped with Provenant";
    static final String PUBLIC_GOOD_ROOT = "public-good trusted root";

    /**
     * @param signingConfig the signing config file, or null for public good
     * @param trustedRoot the trusted root file, or null for public good
     * @throws IOException when a named file, or the shipped root, cannot be read, or a file is larger than such a file can be
     */
    public static KeylessInstance of(Path signingConfig, Path trustedRoot, Map<String, String> env, Hints hints) throws IOException {
        KeylessConfig config = new KeylessConfig(
                signingConfig != null ? BoundedFile.read(signingConfig, InputLimit.SIGNING_CONFIG) : KeylessConfig.publicGoodSigningConfig(),
                signingConfig != null ? "signing config " + signingConfig : SHIPPED_SIGNING_CONFIG,
                trustedRoot != null ? BoundedFile.read(trustedRoot, InputLimit.TRUSTED_ROOT) : publicGoodRoot(env),
                trustedRoot != null ? "trusted root " + trustedRoot : PUBLIC_GOOD_ROOT);
        return new KeylessInstance(config, signingConfig != null && trustedRoot == null
                ? Optional.of(hints.signingConfigWithoutRoot(config.trustedRootSource()))
                : Optional.empty());
    }

    /** A `provenant trust refresh` copy whose TUF metadata holds, when there is one, else the root shipped with the verifier. */
    static byte[] publicGoodRoot(Map<String, String> env) throws IOException {
        var cached = TrustedRootCache.standard(env).fresh();
        if (cached.isPresent()) {
            return cached.get().json();
        }
        try {
            return TrustedRoot.publicGoodJson();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
