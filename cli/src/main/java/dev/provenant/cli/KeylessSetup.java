package dev.provenant.cli;

import dev.provenant.frontend.Signing;
import dev.provenant.frontend.KeylessInstance;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.ExplicitTokenSource;
import dev.provenant.signer.keyless.IdentityTokenChain;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessSigning;
import java.io.IOException;
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
    private KeylessSetup() {}

    static Signing open(String identityToken, Path signingConfig, Path trustedRoot, PrintWriter err)
            throws UsageException, SigningException, IOException {
        Map<String, String> env = System.getenv();
        KeylessInstance instance = KeylessInstance.of(signingConfig, trustedRoot, env, VerifyOptions.HINTS);
        KeylessConfig config = instance.config();
        instance.warning().ifPresent(warning -> {
            err.println("provenant: warning: " + warning);
            err.flush();
        });
        KeylessSigning service = LibLoader.load(KeylessSigning.class).orElseThrow(() -> new SigningException(
                "keyless signing (provenant-keyless and sigstore-java) is not installed beside this CLI"));
        IdentityTokenChain chain = IdentityTokenSources.standard(identityToken, env, service.browserFlow(config),
                System.console() != null);
        if (identityToken != null && new ExplicitTokenSource(identityToken).isLiteral()) {
            err.println("provenant: warning: a token on the command line can be read by other users of this machine;"
                    + " prefer --identity-token @FILE or the SIGSTORE_ID_TOKEN variable");
            err.flush();
        }
        return Signing.keyless(service.open(config, chain), line -> {
            err.println(line);
            err.flush();
        });
    }
}
