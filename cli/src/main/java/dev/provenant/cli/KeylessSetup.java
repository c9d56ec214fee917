package dev.provenant.cli;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.ExplicitTokenSource;
import dev.provenant.signer.keyless.IdentityTokenChain;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessSigning;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.provenant.verifier.trust.TrustedRootCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Wires --keyless: loads the keyless signing service (and with it sigstore-java) from the launcher's
 * lib folder, reads the signing config and trusted root, and looks for an identity token in the
 * documented order. Once signed, says on stderr which source gave the token; a failure after the token
 * was fetched names the source in its one-line error instead.
 */
final class KeylessSetup {
    /** A signing config or trusted root is a few tens of kilobytes; far larger is the wrong file. */
    private static final String SHIPPED_ROOT = "/dev/provenant/verifier/trust/public-good-trusted_root.json";

    private KeylessSetup() {}

    static BundleSigning open(String identityToken, Path signingConfig, Path trustedRoot, PrintWriter err)
            throws UsageException, SigningException, IOException {
        Map<String, String> env = System.getenv();
        KeylessConfig config = new KeylessConfig(
                signingConfig != null ? BoundedFile.read(signingConfig, InputLimit.SIGNING_CONFIG) : KeylessConfig.publicGoodSigningConfig(),
                signingConfig != null ? "signing config " + signingConfig : "public-good signing config shipped with Provenant",
                trustedRoot != null ? BoundedFile.read(trustedRoot, InputLimit.TRUSTED_ROOT) : defaultRoot(env),
                trustedRoot != null ? "trusted root " + trustedRoot : "public-good trusted root");
        if (signingConfig != null && trustedRoot == null) {
            err.println("provenant: warning: --signing-config without --trusted-root: the instance's certificates and log"
                    + " entries are checked against the " + config.trustedRootSource());
            err.flush();
        }
        KeylessSigning service = LibLoader.load(KeylessSigning.class).orElseThrow(() -> new SigningException(
                "keyless signing (provenant-keyless and sigstore-java) is not installed beside this CLI"));
        IdentityTokenChain chain = IdentityTokenSources.standard(identityToken, env, service.browserFlow(config),
                System.console() != null);
        if (identityToken != null && new ExplicitTokenSource(identityToken).isLiteral()) {
            err.println("provenant: warning: a token on the command line can be read by other users of this machine;"
                    + " prefer --identity-token @FILE or the SIGSTORE_ID_TOKEN variable");
            err.flush();
        }
        return BundleSigning.keyless(service.open(config, chain), err);
    }

    /** A `trust refresh` copy whose TUF metadata holds, when there is one, else the root shipped in the verifier. */
    private static byte[] defaultRoot(Map<String, String> env) throws IOException {
        var cached = TrustedRootCache.standard(env).fresh();
        if (cached.isPresent()) {
            return cached.get().json();
        }
        try (InputStream in = TrustedRoot.class.getResourceAsStream(SHIPPED_ROOT)) {
            if (in == null) {
                throw new IOException(SHIPPED_ROOT + " is missing from the launcher jar");
            }
            return in.readAllBytes();
        }
    }
}
