package dev.provenant.signer.keyless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Which Sigstore instance keyless signing talks to (the signing config: Fulcio, Rekor, TSA and OIDC
 * URLs) and what it trusts to check the answers (the trusted root: CA certificates, log and TSA keys).
 *
 * @param signingConfig the signing config JSON ({@code application/vnd.dev.sigstore.signingconfig.v0.2+json})
 * @param signingConfigSource where it came from, for messages
 * @param trustedRoot the trusted root JSON ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1})
 * @param trustedRootSource where it came from, for messages
 */
public record KeylessConfig(byte[] signingConfig, String signingConfigSource, byte[] trustedRoot, String trustedRootSource) {
    static final String PUBLIC_GOOD_SIGNING_CONFIG = "public_good_signing_config.v0.2.json";

    public KeylessConfig {
        signingConfig = signingConfig.clone();
        trustedRoot = trustedRoot.clone();
    }

    @Override
    public byte[] signingConfig() {
        return signingConfig.clone();
    }

    @Override
    public byte[] trustedRoot() {
        return trustedRoot.clone();
    }

    /** The public-good instance's signing config shipped with Provenant. */
    public static byte[] publicGoodSigningConfig() {
        try (InputStream in = KeylessConfig.class.getResourceAsStream(PUBLIC_GOOD_SIGNING_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(PUBLIC_GOOD_SIGNING_CONFIG + " is missing from the signer jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PUBLIC_GOOD_SIGNING_CONFIG, e);
        }
    }
}
