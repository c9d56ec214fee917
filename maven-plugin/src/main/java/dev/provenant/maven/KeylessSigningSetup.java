package dev.provenant.maven;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.frontend.KeylessInstance;
import dev.provenant.frontend.Signing;
import dev.provenant.keyless.SigstoreKeylessSigning;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.signer.keyless.IdentityTokenChain;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.IdentityTokenSources;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessSigning;
import dev.provenant.signer.keyless.TokenFileSource;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Wires the sign goal's keyless parameters to the library's keyless signer: which Sigstore instance
 * (a signing config and trusted root, default public-good) and where the OIDC identity token comes from.
 * A token file or a {@code settings.xml} server, when configured, is the only source; otherwise the
 * CLI's order: GitHub Actions, {@code SIGSTORE_ID_TOKEN}, then a browser sign-in when Maven runs
 * interactively on a terminal outside CI. The token never comes from the POM.
 */
final class KeylessSigningSetup {
    /** A signing config or trusted root is a few tens of kilobytes; far larger is the wrong file. */
    static final String TOKEN_HINT = " (configure <identityTokenFile> or -Dprovenant.identityTokenFile=FILE,"
            + " or <identityTokenServerId> naming a settings.xml server whose password is the token)";

    /**
     * Where the token comes from, when the build names it.
     *
     * @param file a file holding the token ({@code <identityTokenFile>}), or null
     * @param serverId the {@code settings.xml} server whose password is the token, or null
     * @param serverToken that server's decrypted password, when {@code serverId} is set
     */
    record TokenChoice(File file, String serverId, String serverToken) {
        static TokenChoice none() {
            return new TokenChoice(null, null, null);
        }
    }

    private KeylessSigningSetup() {}

    static ArtifactSigning open(File signingConfig, File trustedRoot, TokenChoice token, Map<String, String> env,
            boolean interactive, Log log) throws MojoExecutionException {
        if (token.file() != null && token.serverId() != null) {
            throw new MojoExecutionException("configure either <identityTokenFile> or <identityTokenServerId>, not both");
        }
        KeylessInstance instance;
        try {
            instance = KeylessInstance.of(signingConfig == null ? null : signingConfig.toPath(),
                    trustedRoot == null ? null : trustedRoot.toPath(), env, TrustSettings.HINTS);
        } catch (InputTooLargeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot set up keyless signing: " + e.getMessage(), e);
        }
        KeylessConfig config = instance.config();
        instance.warning().ifPresent(log::warn);
        KeylessSigning service = new SigstoreKeylessSigning();
        IdentityTokenSource tokens;
        if (token.file() != null) {
            tokens = new IdentityTokenChain(List.of(new TokenFileSource(token.file().toPath(), "<identityTokenFile> " + token.file())));
        } else if (token.serverId() != null) {
            tokens = new IdentityTokenChain(List.of(new ServerTokenSource(token.serverId(), token.serverToken())));
        } else {
            tokens = IdentityTokenSources.standard(null, env, service.browserFlow(config), interactive);
        }
        try {
            return ArtifactSigning.keyless(Signing.keyless(service.open(config, tokens), log::info), TOKEN_HINT);
        } catch (SigningException e) {
            throw new MojoExecutionException("cannot set up keyless signing: " + e.getMessage(), e);
        }
    }

    /** The password of a {@code settings.xml} server, as an identity token. */
    private record ServerTokenSource(String serverId, String secret) implements IdentityTokenSource {
        @Override
        public String name() {
            return "settings.xml server '" + serverId + "'";
        }

        @Override
        public Optional<String> unavailableBecause() {
            return Optional.empty();
        }

        @Override
        public IdentityToken fetch() throws IdentityTokenException {
            return IdentityToken.parse(secret, name());
        }

        @Override
        public String toString() {
            return name(); // never the token
        }
    }
}
